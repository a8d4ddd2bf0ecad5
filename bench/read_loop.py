#!/usr/bin/python3
"""A Python read loop over a wire-free SD card image, the baseline of `bench/wholejob.sh`.

Reads every frame of the card into memory (a NumPy array per frame) and writes nothing, as the
Python tool Scopeio replaces does when it reads a card: one seek and two reads per buffer (its
header, then its pixels), buffers placed in the frame by their frame_buffer_count. Written from
the byte layout in docs/formats.md §3 (basic firmware layout: data from sector 1024, 512-byte
sectors, config sector 1023 holding width, height, fs, buffer_size; header words length 0,
frame_num 2, frame_buffer_count 4, data_length 8), not from any other program.

    bench/read_loop.py CARD.img     prints the frames read and the seconds taken
"""
import sys
import time

import numpy as np

SECTOR = 512


def main(path):
    t0 = time.perf_counter()
    frames = 0
    with open(path, "rb", buffering=0) as f:
        f.seek(1023 * SECTOR)
        width, height, _fs, _buffer_size, recorded, dropped = np.frombuffer(
            f.read(24), dtype="<u4"
        )
        pixels = int(width) * int(height)
        frame = None
        frame_num = None
        full = 0
        pos = 1024 * SECTOR
        for _ in range(int(recorded) + int(dropped)):
            f.seek(pos)
            head = f.read(4)
            if len(head) < 4:
                break
            words = int.from_bytes(head, "little")
            if words == 0:
                break
            header = np.frombuffer(head + f.read(4 * words - 4), dtype="<u4")
            data_length = int(header[8])
            full = max(full, data_length)
            if header[2] != frame_num or header[4] == 0:
                if frame is not None:
                    frames += 1
                frame = np.zeros(pixels, dtype=np.uint8)
                frame_num = header[2]
            at = int(header[4]) * full
            data = f.read(data_length)
            n = min(len(data), pixels - at)
            if n > 0:
                frame[at : at + n] = np.frombuffer(data, dtype=np.uint8, count=n)
            span = 4 * words + data_length
            pos += (span + SECTOR - 1) // SECTOR * SECTOR
        if frame is not None:
            frames += 1
    print(f"{frames} frames of {width}x{height} in {time.perf_counter() - t0:.2f} s")


if __name__ == "__main__":
    main(sys.argv[1])
