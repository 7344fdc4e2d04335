package dev.journey.examples.leadhandoff;

import java.time.Instant;
import java.util.Optional;

/**
 * One synthetic contact as the generator planned it: its profile, its intent and how its sales rep
 * will respond. The ground truth behind a contact's signals; the log never contains it.
 *
 * @param index 0-based position in the population
 * @param contactId the synthetic contact id
 * @param segment the company segment
 * @param region the sales region
 * @param country the contact's country code
 * @param timeZone the contact's IANA time zone
 * @param leadSource how the contact arrived
 * @param fitScore 0 to 100
 * @param companyDomainId the synthetic company domain id
 * @param accountOwnerId the existing account's owner, if any
 * @param intent the buying intent
 * @param responder how sales responds after a handoff
 * @param responseBusinessMinutes business minutes from handoff to first touch (0 for never)
 * @param firstSeenAt roughly when the contact first shows up (the day counts, not the time)
 */
record ContactPlan(
    int index,
    String contactId,
    Segment segment,
    Region region,
    String country,
    String timeZone,
    LeadSource leadSource,
    int fitScore,
    String companyDomainId,
    Optional<String> accountOwnerId,
    IntentTier intent,
    Responder responder,
    int responseBusinessMinutes,
    Instant firstSeenAt) {}
