/**
 * JMH microbenchmarks of Scopeio's hot paths. Build with {@code mvn -B package -pl benchmarks -am},
 * run with {@code java -jar benchmarks/target/benchmarks.jar <name>} or through the {@code bench/}
 * scripts, which print the README's tables.
 */
package org.scopeio.benchmarks;
