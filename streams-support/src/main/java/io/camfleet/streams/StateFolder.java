package io.camfleet.streams;

import io.camfleet.kafka.TopicAdmin;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.RemoveMembersFromConsumerGroupOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.errors.GroupIdNotFoundException;
import org.apache.kafka.common.errors.GroupNotEmptyException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;

/**
 * Keeps a service from using local state built on another Kafka cluster, or from an input topic
 * that has since been deleted and created again.
 *
 * <p>An application's state folder ({@code state.dir/application.id}) holds a marker, {@value
 * #MARKER}, naming the cluster (its id) and the incarnation of each input topic (its topic id) the
 * state was built from. At each start, before Kafka Streams opens the folder:
 *
 * <ul>
 *   <li>state built on another cluster is deleted, with a notice: its changelogs are on that
 *       cluster, so here it is useless, and it would make every event already in it look seen twice
 *       (Kafka Streams notices a checkpoint beyond the end of a new, empty changelog only on the
 *       partitions its restore consumer happens to fetch, and keeps the others' state);
 *   <li>state built from an earlier incarnation of an input topic on this cluster is refused: the
 *       application's changelog topics and committed offsets on the cluster are just as stale, so a
 *       new local folder would not help; {@code --reset-state} deletes all three, as Kafka's
 *       application reset tool would;
 *   <li>state without a marker (written before there was one) is deleted, with a notice, when this
 *       cluster has none of the application's changelog topics, which proves it was built
 *       elsewhere; otherwise nothing tells whether it matches the input, and it is refused.
 * </ul>
 */
public final class StateFolder {
  /** The marker's file name in the application's state folder. */
  public static final String MARKER = "camfleet-state.properties";

  /** The file holding the folder's member name in the application's group ({@link #memberName}). */
  public static final String MEMBER_FILE = "camfleet-group-member";

  // Kafka Streams' lock on the application's folder, held while an instance runs.
  private static final String LOCK = ".lock";
  // Kafka Streams' record of the process id it gave this folder, the middle of its clients' ids.
  private static final String PROCESS_FILE = "kafka-streams-process-metadata";
  private static final Pattern PROCESS_ID =
      Pattern.compile("\"processId\"\\s*:\\s*\"([0-9a-fA-F-]+)\"");
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final String CLUSTER_KEY = "cluster.id";
  private static final String TOPIC_KEY_PREFIX = "topic.";

  private StateFolder() {}

  /**
   * Where an application's state came from: the cluster's id and each input topic's id, by topic
   * name.
   */
  record Provenance(String clusterId, SortedMap<String, String> topicIds) {
    Provenance {
      Objects.requireNonNull(clusterId, "clusterId");
      topicIds = new TreeMap<>(topicIds);
    }

    /** The marker in {@code folder}, or empty if there is none or it cannot be read. */
    static Optional<Provenance> read(Path folder) {
      Properties p = new Properties();
      try (Reader reader =
          Files.newBufferedReader(folder.resolve(MARKER), StandardCharsets.UTF_8)) {
        p.load(reader);
      } catch (IOException | IllegalArgumentException e) {
        return Optional.empty(); // none, or unreadable: unknown provenance either way
      }
      String cluster = p.getProperty(CLUSTER_KEY);
      if (cluster == null || cluster.isBlank()) {
        return Optional.empty();
      }
      SortedMap<String, String> topics = new TreeMap<>();
      for (String key : p.stringPropertyNames()) {
        if (key.startsWith(TOPIC_KEY_PREFIX)) {
          topics.put(key.substring(TOPIC_KEY_PREFIX.length()), p.getProperty(key));
        }
      }
      return Optional.of(new Provenance(cluster.strip(), topics));
    }

    /** Writes the marker into {@code folder}, replacing any earlier one in one step. */
    void write(Path folder, String applicationId) throws IOException {
      StringBuilder text =
          new StringBuilder()
              .append(
                  "# The Kafka cluster and input topics the state in this folder was built from.\n")
              .append("# camfleet checks them at each start: see --reset-state.\n")
              .append("application.id=")
              .append(applicationId)
              .append('\n')
              .append(CLUSTER_KEY)
              .append('=')
              .append(clusterId)
              .append('\n');
      topicIds.forEach(
          (name, id) ->
              text.append(TOPIC_KEY_PREFIX).append(name).append('=').append(id).append('\n'));
      Path temporary = folder.resolve(MARKER + ".tmp");
      Files.writeString(temporary, text, StandardCharsets.UTF_8);
      Files.move(
          temporary,
          folder.resolve(MARKER),
          StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    }
  }

  enum Action {
    /** Use the state as it is. */
    KEEP,
    /** Delete the local state, tell the user why, and start. */
    RESET_LOCAL,
    /**
     * Delete the local state and the application's committed offsets and internal topics
     * (--reset-state).
     */
    RESET_ALL,
    /** Do not start. */
    REFUSE
  }

  /**
   * What to do with the state folder, and the line that tells the user (null for {@link
   * Action#KEEP} and {@link Action#RESET_ALL}).
   */
  record Decision(Action action, String message) {}

  /**
   * Decides what to do with the state in {@code folder}.
   *
   * @param recorded the folder's marker, if it has a readable one
   * @param hasState whether the folder holds any state (a task or global folder)
   * @param current this cluster's id and the current ids of the input topics that exist
   * @param changelogsExist whether any of the application's changelog topics exists on this cluster
   * @param reset whether {@code --reset-state} was given
   */
  static Decision decide(
      Path folder,
      Optional<Provenance> recorded,
      boolean hasState,
      Provenance current,
      boolean changelogsExist,
      boolean reset) {
    if (reset) {
      return new Decision(Action.RESET_ALL, null);
    }
    if (recorded.isPresent()) {
      Provenance was = recorded.get();
      if (!was.clusterId().equals(current.clusterId())) {
        return hasState
            ? new Decision(
                Action.RESET_LOCAL,
                String.format(
                    "deleted the local state in %s: it was built on Kafka cluster %s, and this is cluster %s;"
                        + " it is rebuilt from this cluster's topics",
                    folder, was.clusterId(), current.clusterId()))
            : new Decision(Action.KEEP, null);
      }
      List<String> recreated = new ArrayList<>();
      current
          .topicIds()
          .forEach(
              (name, id) -> {
                String before = was.topicIds().get(name);
                if (before != null && !before.equals(id)) {
                  recreated.add(name + " (topic id " + before + ", now " + id + ")");
                }
              });
      if (!recreated.isEmpty()) {
        String inputs = String.join(" and ", current.topicIds().keySet());
        return new Decision(
            Action.REFUSE,
            String.format(
                "the state in %s was built from an earlier %s on this Kafka cluster: it is stale, and so are the"
                    + " application's changelog topics and committed offsets; start with --reset-state to delete them"
                    + " and process %s again from the start",
                folder, String.join(" and an earlier ", recreated), inputs));
      }
      return new Decision(Action.KEEP, null);
    }
    if (!hasState) {
      return new Decision(Action.KEEP, null);
    }
    if (!changelogsExist) {
      return new Decision(
          Action.RESET_LOCAL,
          String.format(
              "deleted the local state in %s: it does not name the Kafka cluster it was built on (an earlier camfleet"
                  + " wrote it), and cluster %s has none of its changelog topics, so it was built on another;"
                  + " it is rebuilt from this cluster's topics",
              folder, current.clusterId()));
    }
    String inputs = String.join(" and ", current.topicIds().keySet());
    return new Decision(
        Action.REFUSE,
        String.format(
            "the state in %s does not name the Kafka cluster and %s it was built from (an earlier camfleet wrote it):"
                + " start with --reset-state to delete it with the application's changelog topics and committed offsets"
                + " and process %s again from the start, or, if %s was never recreated, with --state-dir and an empty"
                + " folder to rebuild it from this cluster's changelog topics",
            folder, inputs, inputs, inputs));
  }

  /** The line that tells what {@code --reset-state} deleted. */
  static String resetMessage(
      Path folder,
      String applicationId,
      int internalTopics,
      String clusterId,
      Collection<String> inputs) {
    return String.format(
        "--reset-state: deleted the local state in %s, and the committed offsets and %d internal topic%s of %s"
            + " on Kafka cluster %s; %s is processed again from the start (output topics keep what they hold)",
        folder,
        internalTopics,
        internalTopics == 1 ? "" : "s",
        applicationId,
        clusterId,
        String.join(" and ", inputs));
  }

  static String inUseMessage(Path folder) {
    return "the state in "
        + folder
        + " is in use by another running instance: stop it, or start this one with"
        + " another --state-dir";
  }

  static String groupActiveMessage(String applicationId, String clusterId) {
    return "--reset-state: "
        + applicationId
        + " has members on Kafka cluster "
        + clusterId
        + " that did not run on"
        + " this state folder: stop every other instance (one stopped leaves the group at once, one killed"
        + " when its session expires, after session.timeout.ms, 45 s by default), then start again with"
        + " --reset-state";
  }

  /**
   * The topics of a topology that matter to its state: the input topics it reads, and the internal
   * topics Kafka Streams creates for it under {@code applicationId} (changelogs of its stores, and
   * repartition topics).
   */
  record TopologyTopics(Set<String> inputs, Set<String> changelogs, Set<String> repartitions) {
    static TopologyTopics of(Topology topology, String applicationId) {
      Set<String> sources = new TreeSet<>();
      Set<String> sinks = new TreeSet<>();
      Set<String> stores = new TreeSet<>();
      TopologyDescription description = topology.describe();
      for (TopologyDescription.Subtopology subtopology : description.subtopologies()) {
        for (TopologyDescription.Node node : subtopology.nodes()) {
          if (node instanceof TopologyDescription.Source source && source.topicSet() != null) {
            sources.addAll(source.topicSet());
          } else if (node instanceof TopologyDescription.Sink sink && sink.topic() != null) {
            sinks.add(sink.topic());
          } else if (node instanceof TopologyDescription.Processor processor) {
            stores.addAll(processor.stores());
          }
        }
      }
      for (TopologyDescription.GlobalStore global : description.globalStores()) {
        if (global.source().topicSet() != null) {
          sources.addAll(global.source().topicSet());
        }
      }
      // A repartition is a sink and a source of one topic named ...-repartition, which Kafka
      // Streams
      // prefixes with the application id.
      Set<String> repartitionNames =
          sources.stream()
              .filter(sinks::contains)
              .filter(name -> name.endsWith("-repartition"))
              .collect(Collectors.toCollection(TreeSet::new));
      Set<String> inputs = new TreeSet<>(sources);
      inputs.removeAll(repartitionNames);
      return new TopologyTopics(
          inputs,
          stores.stream()
              .map(store -> applicationId + "-" + store + "-changelog")
              .collect(Collectors.toCollection(TreeSet::new)),
          repartitionNames.stream()
              .map(name -> applicationId + "-" + name)
              .collect(Collectors.toCollection(TreeSet::new)));
    }

    Set<String> internal() {
      Set<String> all = new TreeSet<>(changelogs);
      all.addAll(repartitions);
      return all;
    }
  }

  /**
   * Checks the application's state folder against the cluster before Kafka Streams opens it, and
   * deletes, refuses or keeps the state (see the class comment); with {@code reset}, deletes the
   * local state and the application's committed offsets and internal topics on the cluster.
   * Afterwards the folder's marker names this cluster and the current input topics.
   *
   * @param notices told, in one line, what was deleted and why
   * @return the application's state folder
   * @throws StateFolderException if the service must not start on this folder
   * @throws TopicAdmin.UnreachableClusterException if no broker answers in time
   */
  public static Path prepare(
      Topology topology, StreamsSettings settings, boolean reset, Consumer<String> notices) {
    String applicationId = settings.applicationId();
    Path folder = settings.applicationStateDir();
    TopologyTopics topics = TopologyTopics.of(topology, applicationId);
    try {
      Files.createDirectories(folder);
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot create the state folder " + folder + ": " + e.getMessage(), e);
    }
    try (FolderLock lock = FolderLock.of(folder);
        Admin admin = Admin.create(adminProperties(settings))) {
      String clusterId =
          Objects.requireNonNullElse(get(admin.describeCluster().clusterId(), settings), "unknown");
      Set<String> existing = get(admin.listTopics().names(), settings);
      Provenance current = new Provenance(clusterId, topicIds(admin, topics.inputs(), settings));
      Optional<Provenance> recorded = Provenance.read(folder);
      boolean changelogsExist = topics.changelogs().stream().anyMatch(existing::contains);
      Decision decision =
          decide(folder, recorded, hasState(folder), current, changelogsExist, reset);
      switch (decision.action()) {
        case REFUSE -> throw new StateFolderException(decision.message());
        case RESET_LOCAL -> {
          deleteContents(folder);
          notices.accept(decision.message());
        }
        case RESET_ALL -> {
          int deleted = resetOnCluster(admin, settings, folder, topics, existing, clusterId);
          deleteContents(folder);
          notices.accept(resetMessage(folder, applicationId, deleted, clusterId, topics.inputs()));
        }
        case KEEP -> {}
      }
      Provenance now = current;
      if (decision.action() == Action.KEEP
          && recorded.isPresent()
          && recorded.get().clusterId().equals(clusterId)) {
        // an input topic missing now keeps its recorded id, to be compared when it is back
        SortedMap<String, String> ids = new TreeMap<>(recorded.get().topicIds());
        ids.putAll(current.topicIds());
        now = new Provenance(clusterId, ids);
      }
      if (decision.action() != Action.KEEP || !recorded.equals(Optional.of(now))) {
        now.write(folder, applicationId);
      }
      memberName(folder); // made here, under the lock, if the folder has none yet
      return folder;
    } catch (IOException e) {
      throw new UncheckedIOException(
          "cannot prepare the state folder " + folder + ": " + e.getMessage(), e);
    }
  }

  /**
   * What Kafka's application reset tool does for a fresh start, beyond the local state: forgets the
   * application's committed offsets (its consumer group, so the input is read again from the start
   * under Kafka Streams' {@code auto.offset.reset}, earliest) and deletes its internal topics
   * (changelogs and repartition topics, named exactly after this topology, never by a prefix that
   * another application's names could share).
   *
   * <p>An instance stopped cleanly leaves its group ({@link ServiceRunner#close}), but the members
   * of one killed a moment ago on this folder are still listed until their session expires. Members
   * whose client id carries this folder's process id can only be such leftovers, since this process
   * holds the folder's lock: they are removed. Any other member may be a running instance: refused.
   *
   * @return how many internal topics were deleted
   */
  private static int resetOnCluster(
      Admin admin,
      StreamsSettings settings,
      Path folder,
      TopologyTopics topics,
      Set<String> existing,
      String clusterId)
      throws IOException {
    String applicationId = settings.applicationId();
    Properties config = settings.toProperties();
    if (StreamsSettings.streamsGroupProtocol(config)) {
      deleteGroup(
          () -> admin.deleteStreamsGroups(List.of(applicationId)).all(),
          settings,
          applicationId,
          clusterId);
    } else {
      removeLeftoverMembers(admin, settings, folder, clusterId);
      deleteGroup(
          () -> admin.deleteConsumerGroups(List.of(applicationId)).all(),
          settings,
          applicationId,
          clusterId);
    }
    Set<String> internal = new TreeSet<>(topics.internal());
    internal.retainAll(existing);
    if (!internal.isEmpty()) {
      get(admin.deleteTopics(internal).all(), settings);
      // Kafka Streams creates them again at start-up, which fails while they are still listed.
      awaitTrue(
          () -> get(admin.listTopics().names(), settings).stream().noneMatch(internal::contains),
          "deleted topics are still listed: " + internal);
    }
    return internal.size();
  }

  private static void removeLeftoverMembers(
      Admin admin, StreamsSettings settings, Path folder, String clusterId) throws IOException {
    String applicationId = settings.applicationId();
    ConsumerGroupDescription group;
    try {
      group =
          get(
              admin
                  .describeConsumerGroups(List.of(applicationId))
                  .describedGroups()
                  .get(applicationId),
              settings);
    } catch (KafkaFailure e) {
      if (e.getCause() instanceof GroupIdNotFoundException) {
        return;
      }
      throw e;
    }
    if (group.members().isEmpty()) {
      return;
    }
    Optional<String> processId = processId(folder);
    boolean ownClientIds = settings.toProperties().get(StreamsConfig.CLIENT_ID_CONFIG) == null;
    String leftover = applicationId + "-" + processId.orElse("") + "-StreamThread-";
    if (processId.isEmpty()
        || !ownClientIds
        || !group.members().stream().allMatch(member -> member.clientId().startsWith(leftover))) {
      throw new StateFolderException(groupActiveMessage(applicationId, clusterId));
    }
    get(
        admin
            .removeMembersFromConsumerGroup(
                applicationId, new RemoveMembersFromConsumerGroupOptions())
            .all(),
        settings);
  }

  private static void deleteGroup(
      Supplier<Future<Void>> delete,
      StreamsSettings settings,
      String applicationId,
      String clusterId) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      try {
        get(delete.get(), settings);
        return;
      } catch (KafkaFailure e) {
        if (e.getCause() instanceof GroupIdNotFoundException) {
          return;
        }
        if (!(e.getCause() instanceof GroupNotEmptyException)) {
          throw e;
        }
        if (System.nanoTime() > deadline) {
          throw new StateFolderException(groupActiveMessage(applicationId, clusterId));
        }
        pause(); // members just removed can take a moment to be gone
      }
    }
  }

  /**
   * The name the instance working on this folder goes by in its consumer group, as a static member
   * (Kafka's {@code group.instance.id}): made at the folder's first use and kept with its state, so
   * deleting the state (--reset-state, or state from another cluster) makes a new one.
   *
   * <p>A restarted instance with the member name of its predecessor takes that member's place at
   * once. Without one, an instance restarted after a crash joined as a new member, and the group
   * waited for the dead member's session to expire (45 s by default) before it gave any task out.
   */
  public static String memberName(Path folder) throws IOException {
    Path file = folder.resolve(MEMBER_FILE);
    if (Files.exists(file)) {
      String name = Files.readString(file, StandardCharsets.UTF_8).strip();
      if (!name.isEmpty()) {
        return name;
      }
    }
    String name = "camfleet-" + UUID.randomUUID();
    Path temporary = folder.resolve(MEMBER_FILE + ".tmp");
    Files.writeString(temporary, name + "\n", StandardCharsets.UTF_8);
    Files.move(
        temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return name;
  }

  /** The id Kafka Streams gave the process that last used this folder, from its metadata file. */
  static Optional<String> processId(Path folder) throws IOException {
    Path file = folder.resolve(PROCESS_FILE);
    if (!Files.exists(file)) {
      return Optional.empty();
    }
    Matcher m = PROCESS_ID.matcher(Files.readString(file, StandardCharsets.UTF_8));
    return m.find() ? Optional.of(m.group(1)) : Optional.empty();
  }

  private static void awaitTrue(BooleanSupplier condition, String failure) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(failure + " after " + TIMEOUT.toSeconds() + " s");
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(100);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while resetting the application's state", e);
    }
  }

  private static SortedMap<String, String> topicIds(
      Admin admin, Set<String> inputs, StreamsSettings settings) {
    SortedMap<String, String> ids = new TreeMap<>();
    for (Map.Entry<String, ? extends Future<TopicDescription>> topic :
        admin.describeTopics(inputs).topicNameValues().entrySet()) {
      try {
        ids.put(topic.getKey(), get(topic.getValue(), settings).topicId().toString());
      } catch (KafkaFailure e) {
        // a missing input fails Kafka Streams itself; nothing here to compare it with
        if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
          throw e;
        }
      }
    }
    return ids;
  }

  /** Whether the folder holds any state: a task folder, the global one, or any other folder. */
  static boolean hasState(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return false;
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.anyMatch(Files::isDirectory);
    }
  }

  /** Deletes everything in the folder but Kafka Streams' lock file, which this process holds. */
  static void deleteContents(Path folder) throws IOException {
    List<Path> entries;
    try (Stream<Path> list = Files.list(folder)) {
      entries = list.filter(p -> !p.getFileName().toString().equals(LOCK)).toList();
    }
    for (Path entry : entries) {
      try (Stream<Path> walk = Files.walk(entry)) {
        for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  private static Properties adminProperties(StreamsSettings settings) {
    Properties p = settings.client().toProperties();
    p.putIfAbsent(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT.toMillis()));
    p.putIfAbsent(
        AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, String.valueOf(TIMEOUT.toMillis()));
    p.putIfAbsent(AdminClientConfig.CLIENT_ID_CONFIG, settings.applicationId() + "-state-check");
    return p;
  }

  /** A Kafka request's failure, its cause the broker's error. */
  private static final class KafkaFailure extends RuntimeException {
    KafkaFailure(Throwable cause) {
      super(cause.getMessage(), cause);
    }
  }

  private static <T> T get(Future<T> future, StreamsSettings settings) {
    try {
      return future.get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      throw unreachable(settings, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof org.apache.kafka.common.errors.TimeoutException) {
        throw unreachable(settings, e.getCause());
      }
      throw new KafkaFailure(e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while checking the state folder", e);
    }
  }

  private static TopicAdmin.UnreachableClusterException unreachable(
      StreamsSettings settings, Throwable cause) {
    return new TopicAdmin.UnreachableClusterException(
        "no Kafka broker answered at "
            + settings.client().bootstrapServers()
            + " within "
            + TIMEOUT.toSeconds()
            + " s",
        cause);
  }

  /**
   * Kafka Streams' own lock on the folder, held while checking, so that no running instance loses
   * its state.
   */
  private static final class FolderLock implements AutoCloseable {
    private final FileChannel channel;
    private final FileLock lock;

    private FolderLock(FileChannel channel, FileLock lock) {
      this.channel = channel;
      this.lock = lock;
    }

    static FolderLock of(Path folder) throws IOException {
      FileChannel channel =
          FileChannel.open(
              folder.resolve(LOCK), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      FileLock lock;
      try {
        lock = channel.tryLock();
      } catch (OverlappingFileLockException e) {
        lock = null; // held in this JVM
      }
      if (lock == null) {
        channel.close();
        throw new StateFolderException(inUseMessage(folder));
      }
      return new FolderLock(channel, lock);
    }

    @Override
    public void close() throws IOException {
      lock.release();
      channel.close();
    }
  }
}
