package io.camfleet.report;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportCsvTest {

  @TempDir Path temp;

  @Test
  void writesHeaderOfJsonFieldNamesAndOneQuotedRowPerPolicy() throws IOException {
    ReportWriter.write(Fixtures.twoPolicyReport(), temp);

    String csv = Files.readString(temp.resolve("report.csv"), StandardCharsets.UTF_8);

    assertEquals(
        String.join(
                "\r\n",
                "name,description,policyFile,policyFileSha256,finalDay,"
                    + "clipsRecorded,clipsExpired,clipsExemptByShare,clipsAliveAtEnd,clipsStoredAtEnd,liveBytesAtEnd,"
                    + "footageAlivePastRetention,"
                    + "requests,notifications,answersShared,sharesViaRequest,declined,ignored,sharesViaPost,"
                    + "sharesBlockedByPolicy,sharesRefusedExpired,forwardsBlocked,"
                    + "sharesBlockedByCaps,sharesBlockedWindowBelowMinimum,sharesBlockedAreaBelowMinimum,"
                    + "sharesBlockedOutsideWindow,sharesBlockedOutsideArea,sharesBlockedPastLookBack,"
                    + "forwardsBlockedByBan,onwardCopiesWithoutParent,"
                    + "requestsMade,requestsRefused,requestsRefusedPortalClosed,requestsRefusedWindowBelowMinimum,requestsRefusedAreaBelowMinimum,requestsRefusedPastLookBack,requestsNarrowed,requestsNarrowedWindow,requestsNarrowedArea,requestsNarrowedLookBack,notificationsWithheld,"
                    + "copiesCreated,"
                    + "copiesCreatedByHolderType.REQUESTING_POLICE,copiesCreatedByHolderType.OTHER_AGENCY,"
                    + "copiesCreatedByHolderType.FEDERAL_AGENCY,copiesCreatedByHolderType.NEIGHBOURHOOD_FEED,"
                    + "copiesCreatedByHolderType.PUBLIC,"
                    + "copiesExpired,copiesAliveAtEnd,"
                    + "copiesByHolderType.REQUESTING_POLICE,copiesByHolderType.OTHER_AGENCY,"
                    + "copiesByHolderType.FEDERAL_AGENCY,copiesByHolderType.NEIGHBOURHOOD_FEED,"
                    + "copiesByHolderType.PUBLIC,"
                    + "householdsExposed,"
                    + "householdsExposedByHolderType.REQUESTING_POLICE,householdsExposedByHolderType.OTHER_AGENCY,"
                    + "householdsExposedByHolderType.FEDERAL_AGENCY,"
                    + "householdsExposedByHolderType.NEIGHBOURHOOD_FEED,householdsExposedByHolderType.PUBLIC,"
                    + "addressesDisclosed,householdsKnownToPolice,"
                    + "sharesRecorded,sharesOfStoredOriginals,sharesRefused,holdsPlaced,expiryHeld,holdsReleased",
                "status-quo-2019,60 days; shared clips exempt; copies kept indefinitely.,"
                    + "policies/status-quo-2019.yaml,"
                    + "b".repeat(64)
                    + ",2019-01-03,"
                    + "30,12,2,16,18,1600,2,"
                    + "3,20,3,3,8,9,1,0,1,0,"
                    + "0,0,0,0,0,0,0,0,"
                    + "0,0,0,0,0,0,0,0,0,0,0,"
                    + "6,3,1,0,1,1,0,6,3,1,0,1,1,"
                    + "4,3,1,0,0,1,3,0,"
                    + "3,5,1,1,2,1",
                "eu-30-days,\"30-day retention everywhere, \"\"strict\"\", no exceptions.\","
                    + "policies/eu-30-days.yaml,"
                    + "c".repeat(64)
                    + ",2019-01-03,"
                    + "30,18,1,11,12,1100,0,"
                    + "3,20,1,1,10,9,0,1,2,1,"
                    + "1,0,0,0,1,0,0,1,"
                    + "0,0,0,0,0,0,0,0,0,0,0,"
                    + "2,1,0,1,0,0,1,1,0,0,1,0,0,"
                    + "1,0,0,1,0,0,1,0,"
                    + "1,2,2,0,0,0")
            + "\r\n",
        csv);
  }

  @Test
  void quotesFieldsWithCommasQuotesAndLineBreaksOnly() {
    assertEquals(
        List.of("plain", "\"a,b\"", "\"say \"\"no\"\"\"", "\"two\nlines\"", "\"cr\rhere\""),
        List.of("plain", "a,b", "say \"no\"", "two\nlines", "cr\rhere").stream()
            .map(CsvReport::quoted)
            .toList());
  }
}
