package io.camfleet.testkafka;

import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;

/** The members of a consumer group, as the cluster lists them, for tests of group membership. */
public final class GroupMembers {
  private GroupMembers() {}

  /**
   * Each member's static name ({@code group.instance.id}), empty for a dynamic member; an empty
   * list when the group has no members.
   */
  public static List<Optional<String>> names(Properties client, String group)
      throws InterruptedException, ExecutionException {
    try (Admin admin = Admin.create(client)) {
      return admin
          .describeConsumerGroups(List.of(group))
          .describedGroups()
          .get(group)
          .get()
          .members()
          .stream()
          .map(MemberDescription::groupInstanceId)
          .toList();
    }
  }
}
