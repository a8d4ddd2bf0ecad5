package org.scopeio.api;

/**
 * What a device's bounded hand-off queue does when the producer is faster than the consumer and the
 * queue is full. Whatever the policy, every item it drops is counted.
 */
public enum OverflowPolicy {
  /** The producer waits until there is room: nothing is lost, the source may back up. */
  BLOCK,
  /** The item being offered is dropped; the queue keeps the older items. */
  DROP_NEWEST,
  /** The oldest queued item is dropped to make room for the new one. */
  DROP_OLDEST;
}
