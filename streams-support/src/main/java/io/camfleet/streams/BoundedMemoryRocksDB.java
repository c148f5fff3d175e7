package io.camfleet.streams;

import java.util.Map;
import org.apache.kafka.streams.state.RocksDBConfigSetter;
import org.rocksdb.BlockBasedTableConfig;
import org.rocksdb.Cache;
import org.rocksdb.LRUCache;
import org.rocksdb.Options;
import org.rocksdb.WriteBufferManager;

/**
 * Puts every RocksDB store of this JVM under one block cache and one write-buffer budget, so that
 * many stores (policies times partitions times services) use bounded memory. The budget is {@value
 * #CACHE_BYTES_CONFIG} (default 512 MiB), half of which may hold memtables.
 *
 * <p>Why 512 MiB: the stores share the memtable half, and their number grows with the partitions.
 * With 256 MiB, {@code camfleet run --partitions 12} over every bundled policy (one JVM, about 200
 * stores) took 162 s once, 14.5 minutes once, and was stopped after 6 to 10 minutes three times:
 * memtables of under a megabyte each were flushed again and again, and the sharing service's writes
 * waited on the flushes. With 512 MiB it took 90 s, with 1 GiB 85 s.
 *
 * <p>Why half: the stores are written far more than read. The retention service writes each clip
 * once and reads it back once, in order, when it expires; the block cache barely helps those reads,
 * while every memtable flush makes a file that compaction must merge later. With a quarter (64 MiB
 * shared by every store of the JVM), half an hour into the fleet-100k run, flushing took a fifth of
 * a core and compaction most of the rest while the stream thread waited.
 */
public final class BoundedMemoryRocksDB implements RocksDBConfigSetter {
  public static final String CACHE_BYTES_CONFIG = "camfleet.rocksdb.cache.bytes";
  private static final long DEFAULT_CACHE_BYTES = 512L << 20;

  // RocksDB's own objects, shared by every store in the JVM: this is the documented way to bound
  // the memory of many stores, and the reason this holder is static.
  private static Cache cache;
  private static WriteBufferManager writeBuffers;

  private static synchronized void init(long bytes) {
    if (cache == null) {
      cache = new LRUCache(bytes, -1, false, 0.1);
      writeBuffers = new WriteBufferManager(bytes / 2, cache);
    }
  }

  @Override
  public void setConfig(String storeName, Options options, Map<String, Object> configs) {
    Object configured = configs.get(CACHE_BYTES_CONFIG);
    init(configured == null ? DEFAULT_CACHE_BYTES : Long.parseLong(configured.toString()));
    BlockBasedTableConfig table = (BlockBasedTableConfig) options.tableFormatConfig();
    table.setBlockCache(cache);
    table.setCacheIndexAndFilterBlocks(true);
    table.setPinTopLevelIndexAndFilter(true);
    options.setWriteBufferManager(writeBuffers);
    options.setTableFormatConfig(table);
    options.setMaxWriteBufferNumber(2);
  }

  @Override
  public void close(String storeName, Options options) {
    // The cache and write-buffer manager are shared and live as long as the JVM.
  }
}
