package io.camfleet.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.camfleet.avro.CopyReceipt;
import io.camfleet.avro.CopyReceiptCause;
import io.camfleet.avro.CopyReceiptKind;
import io.camfleet.schemas.Topics;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An audit file appears whole or not at all, and reads back as its records were on the wire. */
class AuditFileWriterTest {
  @TempDir Path out;

  @Test
  void aWriterClosedWithoutCommittingLeavesNoFile() throws Exception {
    try (AuditFileWriter writer = AuditFileWriter.create(AuditFile.COPY_RECEIPTS, out)) {
      writer.append(key("p/copy-1"), 5, value(receipt("copy-1")));
    }
    try (Stream<Path> files = Files.list(out.resolve(AuditFile.FOLDER))) {
      assertEquals(List.of(), files.toList());
    }
  }

  @Test
  void aCommittedFileReadsBackEveryRecordWithItsKeyAndTimestamp() throws Exception {
    AuditWriter.Written written;
    try (AuditFileWriter writer = AuditFileWriter.create(AuditFile.COPY_RECEIPTS, out)) {
      writer.append(key("p/copy-1"), 5, value(receipt("copy-1")));
      writer.append(key("p/copy-2"), 7, value(receipt("copy-2")));
      written = writer.commit();
    }
    List<Audited<CopyReceipt>> read = new ArrayList<>();
    AuditReader.forEach(
        AuditFile.COPY_RECEIPTS.in(out), AuditFile.COPY_RECEIPTS, CopyReceipt.class, read::add);

    assertEquals(
        List.of(
            new Audited<>("p/copy-1", 5, receipt("copy-1")),
            new Audited<>("p/copy-2", 7, receipt("copy-2"))),
        read);
    assertEquals(2, written.records());
    try (Stream<Path> files = Files.list(out.resolve(AuditFile.FOLDER))) {
      assertEquals(List.of(AuditFile.COPY_RECEIPTS.in(out).toAbsolutePath()), files.toList());
    }
  }

  private static byte[] key(String key) {
    return key.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] value(CopyReceipt receipt) {
    return Topics.COPY_RECEIPTS.valueSerde().serializer().serialize("copy-receipts", receipt);
  }

  private static CopyReceipt receipt(String copyId) {
    return CopyReceipt.newBuilder()
        .setPolicy("p")
        .setCopyId(copyId)
        .setClipId("clip-1")
        .setHouseholdId("hh-1")
        .setKind(CopyReceiptKind.COPY_EXPIRED)
        .setDecidedAt(5)
        .setReason("the holder's lifetime ended")
        .setCause(CopyReceiptCause.HOLDER_LIFETIME_ENDED)
        .build();
  }
}
