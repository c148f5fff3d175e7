package io.camfleet.simulator.world;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import io.camfleet.config.ConfigException;
import io.camfleet.config.YamlConfig;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every parameter of a simulated world, read from a {@code worlds/*.yaml} file: a synthetic county
 * of neighbourhoods and police jurisdictions, a fleet of cameras and their owners, clip activity,
 * police requests, residents' answers, the neighbourhood feed, onward forwarding and legal holds.
 * Distances are in miles, the county's origin at its south-west corner; times are UTC, the world
 * starting at midnight of {@link #start()}.
 */
public record World(
    @JsonProperty(value = "name", required = true) String name,
    @JsonProperty("description") String description,
    @JsonProperty(value = "seed", required = true) long seed,
    @JsonProperty(value = "start", required = true) @JsonDeserialize(using = DateText.class)
        LocalDate start,
    @JsonProperty(value = "days", required = true) int days,
    @JsonProperty(value = "cameras", required = true) int cameras,
    @JsonProperty("tickMinutes") Integer tickMinutes,
    @JsonProperty(value = "county", required = true) County county,
    @JsonProperty(value = "agencies", required = true) List<Agency> agencies,
    @JsonProperty(value = "fleet", required = true) Fleet fleet,
    @JsonProperty(value = "activity", required = true) Map<String, Activity> activity,
    @JsonProperty(value = "clips", required = true) Clips clips,
    @JsonProperty(value = "requests", required = true) Requests requests,
    @JsonProperty(value = "residents", required = true) Residents residents,
    @JsonProperty(value = "feed", required = true) Feed feed,
    @JsonProperty(value = "forwarding", required = true) Forwarding forwarding,
    @JsonProperty("legalHolds") LegalHolds legalHolds,
    @JsonProperty("partners") Partners partners,
    @JsonProperty("portal") Portal portal) {

  private static final long DAY_MS = 86_400_000L;

  /** Most cameras in one world. */
  public static final int MAX_CAMERAS = (1 << 23) - 1;

  /** Most days in one world, of any size. */
  public static final int MAX_DAYS = 1_000_000;

  public World {
    Objects.requireNonNull(name, "name is required");
    if (!name.matches("[a-z0-9][a-z0-9.-]{0,60}")) {
      throw new IllegalArgumentException(
          "name must be lower-case letters, digits, '-' or '.', at most 61 characters, not '"
              + name
              + "'");
    }
    description = description == null ? "" : description.strip();
    Objects.requireNonNull(start, "start is required");
    if (days < 1) {
      throw new IllegalArgumentException("days must be a positive number of days, not " + days);
    }
    if (cameras < 1) {
      throw new IllegalArgumentException(
          "cameras must be a positive number of cameras, not " + cameras);
    }
    if (cameras > MAX_CAMERAS) {
      throw new IllegalArgumentException(
          String.format(Locale.ROOT, "cameras must be at most %,d, not %d", MAX_CAMERAS, cameras));
    }
    if (days > maxDays(cameras)) {
      throw new IllegalArgumentException(
          days > MAX_DAYS
              ? String.format(Locale.ROOT, "days must be at most %,d, not %d", MAX_DAYS, days)
              : String.format(
                  Locale.ROOT,
                  "days must be at most %,d for a world of %,d cameras, not %d",
                  maxDays(cameras),
                  cameras,
                  days));
    }
    tickMinutes = tickMinutes == null ? 60 : tickMinutes;
    if (tickMinutes < 1 || 1440 % tickMinutes != 0) {
      throw new IllegalArgumentException(
          "tickMinutes must divide a day of 1440 minutes evenly (e.g. 15, 30 or 60), not "
              + tickMinutes);
    }
    Objects.requireNonNull(county, "county is required");
    Objects.requireNonNull(fleet, "fleet is required");
    Objects.requireNonNull(clips, "clips is required");
    Objects.requireNonNull(requests, "requests is required");
    Objects.requireNonNull(residents, "residents is required");
    Objects.requireNonNull(feed, "feed is required");
    Objects.requireNonNull(forwarding, "forwarding is required");
    legalHolds = legalHolds == null ? LegalHolds.NONE : legalHolds;
    portal = portal == null ? Portal.NONE : portal;
    if (agencies == null || agencies.isEmpty()) {
      throw new IllegalArgumentException("agencies must name at least one agency");
    }
    agencies = List.copyOf(agencies);
    if (activity == null || activity.isEmpty()) {
      throw new IllegalArgumentException("activity must define at least one activity profile");
    }
    activity = java.util.Collections.unmodifiableMap(new TreeMap<>(activity));

    Set<String> agencyIds = new LinkedHashSet<>();
    for (Agency agency : agencies) {
      if (!agencyIds.add(agency.id())) {
        throw new IllegalArgumentException(
            "agencies."
                + agency.id()
                + ".id: '"
                + agency.id()
                + "' is already the id of another agency");
      }
    }
    if (agencies.size() > 63) {
      throw new IllegalArgumentException("agencies: at most 63 agencies, not " + agencies.size());
    }
    Set<String> withHouseholds = new HashSet<>();
    for (Neighbourhood n : county.neighbourhoods()) {
      if (!agencyIds.contains(n.jurisdiction())) {
        throw new IllegalArgumentException(
            "county.neighbourhoods."
                + n.id()
                + ".jurisdiction: '"
                + n.jurisdiction()
                + "' is not the id of an agency; expected one of "
                + String.join(", ", agencyIds));
      }
      for (String profile : n.activity().keySet()) {
        if (!activity.containsKey(profile)) {
          throw new IllegalArgumentException(
              "county.neighbourhoods."
                  + n.id()
                  + ".activity."
                  + profile
                  + ": '"
                  + profile
                  + "' is not an activity profile; expected one of "
                  + String.join(", ", activity.keySet()));
        }
      }
      if (n.households() > 0) {
        withHouseholds.add(n.jurisdiction());
      }
    }
    for (Agency agency : agencies) {
      if (partners == null && agency.requestsHere() && agency.partneredFrom() == null) {
        throw new IllegalArgumentException(
            "agencies."
                + agency.id()
                + ".requests: give both partneredFrom and requests for a partnered agency, or neither");
      }
      if (partners != null && agency.partneredFrom() != null) {
        throw new IllegalArgumentException(
            "agencies."
                + agency.id()
                + ".partneredFrom: partners.joined decides when partnered agencies join; give no partneredFrom");
      }
      if (agency.requestsHere() && !withHouseholds.contains(agency.id())) {
        throw new IllegalArgumentException(
            "agencies."
                + agency.id()
                + ".requests: the agency sends requests, but no neighbourhood with households lies in its jurisdiction");
      }
    }
    for (int i = 0; i < portal.deviceMaps().size(); i++) {
      String agency = portal.deviceMaps().get(i).agency();
      if (!agencyIds.contains(agency)) {
        throw new IllegalArgumentException(
            "portal.deviceMaps: map "
                + (i + 1)
                + " names agency '"
                + agency
                + "', which is not the id of an agency; expected one of "
                + String.join(", ", agencyIds));
      }
    }
    long households = county.households();
    if (cameras > households) {
      throw new IllegalArgumentException(
          "cameras: "
              + cameras
              + " cameras need as many households, but the county has "
              + households);
    }
    if (residents.answerDelayHours().max() >= residents.lapseDays() * 24.0) {
      throw new IllegalArgumentException(
          "residents.answerDelayHours.max must be shorter than residents.lapseDays ("
              + residents.lapseDays()
              + " days, "
              + residents.lapseDays() * 24
              + " hours), when an unanswered request lapses, not "
              + residents.answerDelayHours().max());
    }
  }

  /**
   * Most days a world of {@code cameras} cameras may last: the generator orders clips by one 63-bit
   * key, the camera's number in the low {@link #cameraBits} bits and the milliseconds since the
   * start above them.
   */
  public static int maxDays(int cameras) {
    return (int) Math.min(MAX_DAYS, (1L << (63 - cameraBits(cameras))) / DAY_MS);
  }

  /** Bits that number the cameras of a world of {@code cameras} cameras, at least one. */
  public static int cameraBits(int cameras) {
    return Math.max(1, 32 - Integer.numberOfLeadingZeros(Math.max(1, cameras) - 1));
  }

  /** The most cameras this world can hold: one per household of the county. */
  public int maxCameras() {
    return (int) Math.min(MAX_CAMERAS, county.households());
  }

  /**
   * Reads and validates a world file; any problem is a {@link ConfigException} naming the file,
   * line and field.
   */
  public static World read(Path file) {
    return YamlConfig.read(file, World.class);
  }

  /**
   * Reads a world file with the value at each dotted key path of {@code values} replaced (a variant
   * of the world, as {@code camfleet sweep} makes them), checked as strictly as the file itself.
   */
  public static World read(Path file, java.util.Map<String, String> values) {
    return YamlConfig.read(file, World.class, values);
  }

  /** The same world with another seed. */
  public World withSeed(long newSeed) {
    return new World(
        name,
        description,
        newSeed,
        start,
        days,
        cameras,
        tickMinutes,
        county,
        agencies,
        fleet,
        activity,
        clips,
        requests,
        residents,
        feed,
        forwarding,
        legalHolds,
        partners,
        portal);
  }

  /** The same world with another number of cameras. */
  public World withCameras(int newCameras) {
    return new World(
        name,
        description,
        seed,
        start,
        days,
        newCameras,
        tickMinutes,
        county,
        agencies,
        fleet,
        activity,
        clips,
        requests,
        residents,
        feed,
        forwarding,
        legalHolds,
        partners,
        portal);
  }

  /** The same world over another number of days. */
  public World withDays(int newDays) {
    return new World(
        name,
        description,
        seed,
        start,
        newDays,
        cameras,
        tickMinutes,
        county,
        agencies,
        fleet,
        activity,
        clips,
        requests,
        residents,
        feed,
        forwarding,
        legalHolds,
        partners,
        portal);
  }

  /** The same world with another number of cameras over another number of days. */
  public World withSize(int newCameras, int newDays) {
    return new World(
        name,
        description,
        seed,
        start,
        newDays,
        newCameras,
        tickMinutes,
        county,
        agencies,
        fleet,
        activity,
        clips,
        requests,
        residents,
        feed,
        forwarding,
        legalHolds,
        partners,
        portal);
  }

  /** Midnight UTC of the start date: the time of the first event. */
  public Instant startInstant() {
    return start.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  /** The horizon: the end of the last day, the time of the final clock tick. */
  public Instant horizon() {
    return startInstant().plusMillis(days * DAY_MS);
  }

  /** A rectangle of the county, in miles from its south-west corner. */
  public record Area(
      @JsonProperty(value = "x", required = true) double x,
      @JsonProperty(value = "y", required = true) double y,
      @JsonProperty(value = "width", required = true) double width,
      @JsonProperty(value = "height", required = true) double height) {

    public Area {
      nonNegativeMiles("x", x);
      nonNegativeMiles("y", y);
      positiveMiles("width", width);
      positiveMiles("height", height);
    }

    private static void nonNegativeMiles(String field, double miles) {
      if (!(miles >= 0) || Double.isInfinite(miles)) {
        throw new IllegalArgumentException(
            field + " must be a non-negative number of miles, not " + miles);
      }
    }

    public double squareMiles() {
      return width * height;
    }
  }

  /** The county: its size, its UTC offset for daily rhythms, and its neighbourhoods. */
  public record County(
      @JsonProperty(value = "widthMiles", required = true) double widthMiles,
      @JsonProperty(value = "heightMiles", required = true) double heightMiles,
      @JsonProperty("utcOffsetHours") Integer utcOffsetHours,
      @JsonProperty(value = "neighbourhoods", required = true) List<Neighbourhood> neighbourhoods) {

    public County {
      positiveMiles("county.widthMiles", widthMiles);
      positiveMiles("county.heightMiles", heightMiles);
      utcOffsetHours = utcOffsetHours == null ? 0 : utcOffsetHours;
      if (utcOffsetHours < -12 || utcOffsetHours > 14) {
        throw new IllegalArgumentException(
            "county.utcOffsetHours must be between -12 and 14, not " + utcOffsetHours);
      }
      if (neighbourhoods == null || neighbourhoods.isEmpty()) {
        throw new IllegalArgumentException(
            "county.neighbourhoods must list at least one neighbourhood");
      }
      neighbourhoods = List.copyOf(neighbourhoods);
      Set<String> ids = new HashSet<>();
      for (Neighbourhood n : neighbourhoods) {
        if (!ids.add(n.id())) {
          throw new IllegalArgumentException(
              "county.neighbourhoods."
                  + n.id()
                  + ".id: '"
                  + n.id()
                  + "' is already the id of another neighbourhood");
        }
        Area a = n.area();
        if (a.x() + a.width() > widthMiles + 1e-9) {
          throw new IllegalArgumentException(
              "county.neighbourhoods."
                  + n.id()
                  + ".area reaches outside the county: x + width is "
                  + (a.x() + a.width())
                  + " miles, but county.widthMiles is "
                  + widthMiles);
        }
        if (a.y() + a.height() > heightMiles + 1e-9) {
          throw new IllegalArgumentException(
              "county.neighbourhoods."
                  + n.id()
                  + ".area reaches outside the county: y + height is "
                  + (a.y() + a.height())
                  + " miles, but county.heightMiles is "
                  + heightMiles);
        }
      }
    }

    /** Households in the whole county. */
    public long households() {
      long sum = 0;
      for (Neighbourhood n : neighbourhoods) {
        sum += n.households();
      }
      return sum;
    }
  }

  /**
   * A neighbourhood: an area, how densely households fill it, whose jurisdiction it is, and its
   * streets' activity.
   */
  public record Neighbourhood(
      @JsonProperty(value = "id", required = true) String id,
      @JsonProperty(value = "area", required = true) Area area,
      @JsonProperty(value = "householdsPerSquareMile", required = true)
          double householdsPerSquareMile,
      @JsonProperty(value = "jurisdiction", required = true) String jurisdiction,
      @JsonProperty(value = "activity", required = true) Map<String, Double> activity) {

    public Neighbourhood {
      Objects.requireNonNull(id, "id is required");
      kebabCase(id);
      Objects.requireNonNull(area, "area is required");
      Objects.requireNonNull(jurisdiction, "jurisdiction is required");
      if (!(householdsPerSquareMile >= 0) || Double.isInfinite(householdsPerSquareMile)) {
        throw new IllegalArgumentException(
            "county.neighbourhoods."
                + id
                + ".householdsPerSquareMile must be a non-negative number, not "
                + householdsPerSquareMile);
      }
      activity = weights("county.neighbourhoods." + id + ".activity", activity);
    }

    /** Households in the neighbourhood, each a possible camera site. */
    public long households() {
      return Math.round(area.squareMiles() * householdsPerSquareMile);
    }
  }

  /** What an agency is: a local police department or sheriff, or a federal agency. */
  public enum AgencyKind {
    @JsonProperty("local")
    LOCAL,
    @JsonProperty("federal")
    FEDERAL
  }

  /**
   * Where an agency passes footage on: to any agency, or to local agencies only (reported for the
   * Chula Vista and Olathe police, who forward locally but never to federal agencies).
   */
  public enum AgencyForwarding {
    @JsonProperty("any")
    ANY,
    @JsonProperty("local-only")
    LOCAL_ONLY
  }

  /**
   * A police or federal agency. A partnered agency ({@code requests}) sends footage requests
   * through the portal from the day it joins: its {@code partneredFrom}, or the day {@link
   * Partners#joined} gives it; every agency may receive forwarded footage, with probability
   * proportional to {@code forwardWeight}, and passes it on to any agency or, with {@code
   * forwarding: local-only}, never to a federal one.
   */
  public record Agency(
      @JsonProperty(value = "id", required = true) String id,
      @JsonProperty("name") String name,
      @JsonProperty(value = "kind", required = true) AgencyKind kind,
      @JsonProperty("partneredFrom") @JsonDeserialize(using = DateText.class)
          LocalDate partneredFrom,
      @JsonProperty("requests") RequestRate requests,
      @JsonProperty("forwardWeight") Double forwardWeight,
      @JsonProperty("forwarding") AgencyForwarding forwarding) {

    public Agency {
      Objects.requireNonNull(id, "id is required");
      kebabCase(id);
      name = name == null ? id : name;
      Objects.requireNonNull(kind, "kind is required");
      forwardWeight = forwardWeight == null ? 1.0 : forwardWeight;
      if (!(forwardWeight >= 0) || Double.isInfinite(forwardWeight)) {
        throw new IllegalArgumentException(
            "agencies."
                + id
                + ".forwardWeight must be a non-negative number, not "
                + forwardWeight);
      }
      String given = "agencies." + id + (partneredFrom != null ? ".partneredFrom" : ".requests");
      if (kind == AgencyKind.FEDERAL && (partneredFrom != null || requests != null)) {
        throw new IllegalArgumentException(
            given
                + ": a federal agency sends no portal requests; give neither partneredFrom nor requests");
      }
      if (partneredFrom != null && requests == null) {
        throw new IllegalArgumentException(
            given + ": give both partneredFrom and requests for a partnered agency, or neither");
      }
      forwarding = forwarding == null ? AgencyForwarding.ANY : forwarding;
    }

    /** Whether the agency sends footage requests through the portal. */
    public boolean requestsHere() {
      return requests != null;
    }

    /** Whether the agency never passes footage on to a federal agency. */
    public boolean forwardsLocallyOnly() {
      return forwarding == AgencyForwarding.LOCAL_ONLY;
    }
  }

  /**
   * How many requests a partnered agency sends: exactly {@code count} over the world's request
   * period, or {@code perDay} on average (rounded to a whole number over the period).
   */
  public record RequestRate(
      @JsonProperty("count") Integer count, @JsonProperty("perDay") Double perDay) {

    public RequestRate {
      if ((count == null) == (perDay == null)) {
        throw new IllegalArgumentException("give exactly one of count and perDay");
      }
      if (count != null && count < 0) {
        throw new IllegalArgumentException("count must not be negative, not " + count);
      }
      if (perDay != null && (!(perDay >= 0) || Double.isInfinite(perDay))) {
        throw new IllegalArgumentException("perDay must be a non-negative number, not " + perDay);
      }
    }

    /** Requests over a period of {@code days} days. */
    public int over(double days) {
      return count != null ? count : (int) Math.round(perDay * days);
    }
  }

  /**
   * The fleet: when cameras are installed (a share at the start, the rest following a logistic
   * adoption curve over the world's days) and their owners' settings. {@code optOutProbability} is
   * the share of owners who opt out of police requests: from their installation, or, with {@code
   * optOut}, once the opt-out exists and they take it up.
   */
  public record Fleet(
      @JsonProperty(value = "installedAtStart", required = true) double installedAtStart,
      @JsonProperty(value = "adoptionMidpointDay", required = true) double adoptionMidpointDay,
      @JsonProperty(value = "adoptionScaleDays", required = true) double adoptionScaleDays,
      @JsonProperty(value = "optOutProbability", required = true) double optOutProbability,
      @JsonProperty(value = "feedMemberProbability", required = true) double feedMemberProbability,
      @JsonProperty(value = "regions", required = true) Map<String, Double> regions,
      @JsonProperty("optOut") OptOut optOut) {

    public Fleet {
      checkProbability("fleet.installedAtStart", installedAtStart);
      checkProbability("fleet.optOutProbability", optOutProbability);
      checkProbability("fleet.feedMemberProbability", feedMemberProbability);
      if (Double.isNaN(adoptionMidpointDay) || Double.isInfinite(adoptionMidpointDay)) {
        throw new IllegalArgumentException("fleet.adoptionMidpointDay must be a number of days");
      }
      if (!(adoptionScaleDays > 0) || Double.isInfinite(adoptionScaleDays)) {
        throw new IllegalArgumentException(
            "fleet.adoptionScaleDays must be a positive number of days");
      }
      regions = weights("fleet.regions", regions);
    }
  }

  /**
   * An activity profile: mean clips per camera per day on weekdays and weekend days, and the
   * relative weight of each local hour of the day (24 weights, from midnight).
   */
  public record Activity(
      @JsonProperty(value = "weekdayClipsPerDay", required = true) double weekdayClipsPerDay,
      @JsonProperty(value = "weekendClipsPerDay", required = true) double weekendClipsPerDay,
      @JsonProperty(value = "hourly", required = true) List<Double> hourly,
      @JsonProperty("weekendHourly") List<Double> weekendHourly) {

    public Activity {
      clipsPerDay("weekdayClipsPerDay", weekdayClipsPerDay);
      clipsPerDay("weekendClipsPerDay", weekendClipsPerDay);
      hourly = hours("hourly", hourly);
      weekendHourly = weekendHourly == null ? hourly : hours("weekendHourly", weekendHourly);
    }

    private static void clipsPerDay(String field, double clips) {
      if (!(clips >= 0) || Double.isInfinite(clips)) {
        throw new IllegalArgumentException(
            field + " must be a non-negative number of clips, not " + clips);
      }
    }

    private static List<Double> hours(String field, List<Double> weights) {
      if (weights == null || weights.size() != 24) {
        throw new IllegalArgumentException(
            field
                + " must list 24 weights, one per hour from midnight, not "
                + (weights == null ? 0 : weights.size()));
      }
      double sum = 0;
      for (Double w : weights) {
        if (w == null || !(w >= 0) || Double.isInfinite(w)) {
          throw new IllegalArgumentException(
              field + " weights must be non-negative numbers, not " + w);
        }
        sum += w;
      }
      if (!(sum > 0)) {
        throw new IllegalArgumentException(field + " needs at least one positive weight");
      }
      return List.copyOf(weights);
    }
  }

  /**
   * Clips: how long they last, how large they are, and how much busier or quieter one camera is
   * than another (the 90th percentile of a per-camera activity factor whose median is 1).
   */
  public record Clips(
      @JsonProperty(value = "durationSeconds", required = true) Spread durationSeconds,
      @JsonProperty(value = "bytesPerSecond", required = true) double bytesPerSecond,
      @JsonProperty(value = "cameraActivityP90", required = true) double cameraActivityP90) {

    public Clips {
      Objects.requireNonNull(durationSeconds, "clips.durationSeconds is required");
      if (durationSeconds.min() < 1) {
        throw new IllegalArgumentException("clips.durationSeconds.min must be at least 1 second");
      }
      if (!(bytesPerSecond > 0) || Double.isInfinite(bytesPerSecond)) {
        throw new IllegalArgumentException("clips.bytesPerSecond must be a positive number");
      }
      if (!(cameraActivityP90 >= 1) || Double.isInfinite(cameraActivityP90)) {
        throw new IllegalArgumentException("clips.cameraActivityP90 must be at least 1");
      }
    }
  }

  /**
   * The shape of police requests: the radius around the incident, the length of the requested
   * window (centred on the incident), the delay between incident and request, and the look-back
   * limit: no window starts more than this many days before its request.
   */
  public record Requests(
      @JsonProperty(value = "radiusMiles", required = true) Spread radiusMiles,
      @JsonProperty(value = "windowHours", required = true) Spread windowHours,
      @JsonProperty(value = "delayHours", required = true) Spread delayHours,
      @JsonProperty(value = "lookBackLimitDays", required = true) double lookBackLimitDays) {

    public Requests {
      Objects.requireNonNull(radiusMiles, "requests.radiusMiles is required");
      Objects.requireNonNull(windowHours, "requests.windowHours is required");
      Objects.requireNonNull(delayHours, "requests.delayHours is required");
      if (!(lookBackLimitDays > 0) || Double.isInfinite(lookBackLimitDays)) {
        throw new IllegalArgumentException(
            "requests.lookBackLimitDays must be a positive number of days");
      }
    }
  }

  /** How residents answer a request's email: the odds of each answer and how long they take. */
  public record Residents(
      @JsonProperty(value = "shareProbability", required = true) double shareProbability,
      @JsonProperty(value = "declineProbability", required = true) double declineProbability,
      @JsonProperty(value = "answerDelayHours", required = true) Spread answerDelayHours,
      @JsonProperty(value = "lapseDays", required = true) int lapseDays,
      @JsonProperty("shareFractionOfWindowClips") Double shareFractionOfWindowClips,
      @JsonProperty("selectiveSharingFrom") @JsonDeserialize(using = DateText.class)
          LocalDate selectiveSharingFrom) {

    public Residents {
      checkProbability("residents.shareProbability", shareProbability);
      checkProbability("residents.declineProbability", declineProbability);
      if (shareProbability + declineProbability > 1 + 1e-9) {
        throw new IllegalArgumentException(
            "residents.shareProbability plus residents.declineProbability must not exceed 1 (the rest ignore)");
      }
      Objects.requireNonNull(answerDelayHours, "residents.answerDelayHours is required");
      if (lapseDays < 1) {
        throw new IllegalArgumentException(
            "residents.lapseDays must be a positive number of days, not " + lapseDays);
      }
      shareFractionOfWindowClips =
          shareFractionOfWindowClips == null ? 1.0 : shareFractionOfWindowClips;
      if (!(shareFractionOfWindowClips > 0 && shareFractionOfWindowClips <= 1)) {
        throw new IllegalArgumentException(
            "residents.shareFractionOfWindowClips must be a share above 0 and at most 1, not "
                + shareFractionOfWindowClips);
      }
      if (selectiveSharingFrom != null && shareFractionOfWindowClips == 1.0) {
        throw new IllegalArgumentException(
            "residents.selectiveSharingFrom: it dates selective sharing, so give"
                + " residents.shareFractionOfWindowClips below 1 too");
      }
    }

    /**
     * Whether an owner who shares at {@code answeredAt} (milliseconds since the epoch) sends only a
     * part of the window's clips.
     */
    public boolean selectiveAt(long answeredAt) {
      return shareFractionOfWindowClips < 1.0
          && (selectiveSharingFrom == null || answeredAt >= epochMilli(selectiveSharingFrom));
    }
  }

  /**
   * When the owners' opt-out of police requests became available (the privacy "Control Center",
   * 2020) and how fast the owners who opt out ({@code fleet.optOutProbability}) take it up: each
   * year, {@code uptakePerYear} of those who have not yet done so, from the later of that date and
   * their installation.
   */
  public record OptOut(
      @JsonProperty(value = "availableFrom", required = true)
          @JsonDeserialize(using = DateText.class)
          LocalDate availableFrom,
      @JsonProperty(value = "uptakePerYear", required = true) double uptakePerYear) {

    public OptOut {
      Objects.requireNonNull(availableFrom, "fleet.optOut.availableFrom is required");
      if (!(uptakePerYear > 0 && uptakePerYear <= 1)) {
        throw new IllegalArgumentException(
            "fleet.optOut.uptakePerYear must be a share above 0 and at most 1, not "
                + uptakePerYear);
      }
    }

    /** The opt-out's start, in milliseconds since the epoch. */
    public long availableFromMillis() {
      return epochMilli(availableFrom);
    }
  }

  /**
   * Partnered agencies joining the portal over time: reported counts of partners at dates ({@code
   * joined}), scaled so that the largest count is the world's partnered agencies (those with {@code
   * requests}), which join in the order the file lists them. Between two dates the count grows in a
   * straight line; before the first date no agency has joined. The k-th agency joins when the
   * scaled count reaches k - 0.5 (the count rounded to whole agencies reaches k).
   */
  public record Partners(
      @JsonProperty(value = "joined", required = true) List<PartnerCount> joined) {

    public Partners {
      if (joined == null || joined.isEmpty()) {
        throw new IllegalArgumentException(
            "partners.joined must list at least one dated count of agencies");
      }
      joined = List.copyOf(joined);
      for (int i = 1; i < joined.size(); i++) {
        PartnerCount before = joined.get(i - 1);
        PartnerCount at = joined.get(i);
        if (!at.from().isAfter(before.from())) {
          throw new IllegalArgumentException(
              "partners.joined: count "
                  + (i + 1)
                  + " is dated "
                  + at.from()
                  + ", not after the count before it ("
                  + before.from()
                  + "); list the counts by ascending date");
        }
        if (at.count() < before.count()) {
          throw new IllegalArgumentException(
              "partners.joined: count "
                  + (i + 1)
                  + " is "
                  + at.count()
                  + ", below the count before it ("
                  + before.count()
                  + "); agencies join, none leaves");
        }
      }
      if (joined.get(joined.size() - 1).count() < 1) {
        throw new IllegalArgumentException(
            "partners.joined: the last count must be a positive number of agencies");
      }
    }

    /**
     * When each of {@code agencies} partnered agencies joins, in milliseconds since the epoch, in
     * joining order.
     */
    public long[] joinTimes(int agencies) {
      long[] times = new long[agencies];
      double largest = joined.get(joined.size() - 1).count();
      for (int k = 1; k <= agencies; k++) {
        double target = k - 0.5;
        long at = epochMilli(joined.get(joined.size() - 1).from());
        for (int i = 0; i < joined.size(); i++) {
          double scaled = agencies * joined.get(i).count() / largest;
          if (scaled >= target) {
            long to = epochMilli(joined.get(i).from());
            if (i == 0) {
              at = to;
            } else {
              double before = agencies * joined.get(i - 1).count() / largest;
              long from = epochMilli(joined.get(i - 1).from());
              at = from + (long) Math.ceil((target - before) / (scaled - before) * (to - from));
            }
            break;
          }
        }
        times[k - 1] = at;
      }
      return times;
    }
  }

  /** A reported count of partnered agencies at a date. */
  public record PartnerCount(
      @JsonProperty(value = "from", required = true) @JsonDeserialize(using = DateText.class)
          LocalDate from,
      @JsonProperty(value = "count", required = true) int count) {

    public PartnerCount {
      Objects.requireNonNull(from, "from is required");
      if (count < 0) {
        throw new IllegalArgumentException(
            "count must be a non-negative number of agencies, not " + count);
      }
    }
  }

  /**
   * What the provider tells partnered agencies beyond the answers themselves: whether it reports
   * who declined or ignored a request ({@code refusalsReported}; Gizmodo, 2019), and the maps of
   * cameras in their area it gives some agencies ({@code deviceMaps}).
   */
  public record Portal(
      @JsonProperty("refusalsReported") Boolean refusalsReported,
      @JsonProperty("deviceMaps") List<DeviceMap> deviceMaps) {

    public static final Portal NONE = new Portal(false, List.of());

    public Portal {
      refusalsReported = refusalsReported != null && refusalsReported;
      deviceMaps = deviceMaps == null ? List.of() : List.copyOf(deviceMaps);
    }
  }

  /**
   * A map the provider gives an agency on a date: the location of every camera installed by then in
   * the agency's jurisdiction.
   */
  public record DeviceMap(
      @JsonProperty(value = "date", required = true) @JsonDeserialize(using = DateText.class)
          LocalDate date,
      @JsonProperty(value = "agency", required = true) String agency) {

    public DeviceMap {
      Objects.requireNonNull(date, "date is required");
      Objects.requireNonNull(agency, "agency is required");
    }

    /** Midnight UTC of the map's date, in milliseconds since the epoch. */
    public long atMillis() {
      return epochMilli(date);
    }
  }

  /**
   * The public neighbourhood feed: how often members post a clip, and how often others save posts.
   */
  public record Feed(
      @JsonProperty(value = "postProbability", required = true) double postProbability,
      @JsonProperty(value = "postDelayMinutes", required = true) Spread postDelayMinutes,
      @JsonProperty(value = "downloadsPerPost", required = true) double downloadsPerPost,
      @JsonProperty(value = "downloadDelayHours", required = true) Spread downloadDelayHours,
      @JsonProperty(value = "users", required = true) int users) {

    public Feed {
      checkProbability("feed.postProbability", postProbability);
      Objects.requireNonNull(postDelayMinutes, "feed.postDelayMinutes is required");
      Objects.requireNonNull(downloadDelayHours, "feed.downloadDelayHours is required");
      if (!(downloadsPerPost >= 0) || downloadsPerPost > 50) {
        throw new IllegalArgumentException(
            "feed.downloadsPerPost must be between 0 and 50, not " + downloadsPerPost);
      }
      if (users < 1) {
        throw new IllegalArgumentException(
            "feed.users must be a positive number of users, not " + users);
      }
    }
  }

  /** Police passing shared footage on to other agencies, and those passing it further. */
  public record Forwarding(
      @JsonProperty(value = "probability", required = true) double probability,
      @JsonProperty(value = "onwardProbability", required = true) double onwardProbability,
      @JsonProperty(value = "maxHops", required = true) int maxHops,
      @JsonProperty(value = "delayDays", required = true) Spread delayDays) {

    public Forwarding {
      checkProbability("forwarding.probability", probability);
      checkProbability("forwarding.onwardProbability", onwardProbability);
      if (maxHops < 0 || maxHops > 10) {
        throw new IllegalArgumentException(
            "forwarding.maxHops must be between 0 and 10, not " + maxHops);
      }
      Objects.requireNonNull(delayDays, "forwarding.delayDays is required");
    }
  }

  /** Legal holds police place on clips shared with them, and when they release them (0: never). */
  public record LegalHolds(
      @JsonProperty(value = "probabilityPerPoliceShare", required = true)
          double probabilityPerPoliceShare,
      @JsonProperty(value = "placedAfterDays", required = true) Spread placedAfterDays,
      @JsonProperty(value = "releasedAfterDays", required = true) double releasedAfterDays) {

    public static final LegalHolds NONE = new LegalHolds(0, Spread.constant(1), 0);

    public LegalHolds {
      checkProbability("legalHolds.probabilityPerPoliceShare", probabilityPerPoliceShare);
      Objects.requireNonNull(placedAfterDays, "legalHolds.placedAfterDays is required");
      if (!(releasedAfterDays >= 0) || Double.isInfinite(releasedAfterDays)) {
        throw new IllegalArgumentException(
            "legalHolds.releasedAfterDays must be a non-negative number of days");
      }
    }
  }

  private static long epochMilli(LocalDate date) {
    return date.atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli();
  }

  /**
   * When each agency may first send a request, in milliseconds since the epoch, in the order of
   * {@link #agencies}: its {@code partneredFrom}, or its day from {@link #partners}; {@link
   * Long#MAX_VALUE} for an agency that sends none.
   */
  public long[] joinTimes() {
    long[] times = new long[agencies.size()];
    java.util.Arrays.fill(times, Long.MAX_VALUE);
    int partnered = 0;
    for (Agency agency : agencies) {
      partnered += agency.requestsHere() ? 1 : 0;
    }
    long[] byCounts = partners == null ? null : partners.joinTimes(partnered);
    int k = 0;
    for (int a = 0; a < agencies.size(); a++) {
      Agency agency = agencies.get(a);
      if (agency.requestsHere()) {
        times[a] = byCounts != null ? byCounts[k++] : epochMilli(agency.partneredFrom());
      }
    }
    return times;
  }

  private static void positiveMiles(String field, double miles) {
    if (!(miles > 0) || Double.isInfinite(miles)) {
      throw new IllegalArgumentException(
          field + " must be a positive number of miles, not " + miles);
    }
  }

  private static void kebabCase(String id) {
    if (!id.matches("[a-z0-9][a-z0-9-]*")) {
      throw new IllegalArgumentException(
          "id must be lower-case letters, digits and '-' (kebab-case), not '" + id + "'");
    }
  }

  private static void checkProbability(String field, double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(
          field + " must be a probability between 0 and 1, not " + p);
    }
  }

  private static Map<String, Double> weights(String field, Map<String, Double> weights) {
    if (weights == null || weights.isEmpty()) {
      throw new IllegalArgumentException(field + " must give at least one weight");
    }
    TreeMap<String, Double> sorted = new TreeMap<>();
    double sum = 0;
    for (Map.Entry<String, Double> e : weights.entrySet()) {
      Double w = e.getValue();
      if (w == null || !(w >= 0) || Double.isInfinite(w)) {
        throw new IllegalArgumentException(
            field + "." + e.getKey() + " must be a non-negative weight, not " + w);
      }
      sorted.put(e.getKey(), w);
      sum += w;
    }
    if (!(sum > 0)) {
      throw new IllegalArgumentException(field + " needs at least one positive weight");
    }
    return java.util.Collections.unmodifiableMap(sorted);
  }
}
