package org.gridsettle.replay.audit;

import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.journal.JournalReader;
import org.gridsettle.journal.Journals;
import org.gridsettle.journal.RecordHandler;
import org.gridsettle.journal.VerificationReport;
import org.gridsettle.journal.codec.AccountRegistrationCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.RecordFlyweight;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.TariffVersionCodec;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Who is who in a journal, from its input records: the registered accounts, each meter's accounts and tariff as
 * enrolled (a meter that moved to another account has postings under each), and each tariff's zone. Used to check
 * {@code --account} and {@code --meter}, to pick the tariff a re-rate replaces and the zone its days are counted in.
 * <p>
 * Reads as journalled, not as accepted: an enrolment the engine refused is still listed, which only matters for a
 * journal that enrols a meter twice. A tariff version that does not decode, which the engine rejected as MALFORMED,
 * gives no zone. Immutable after {@link #read}; safe to share once built.
 */
public final class InputRegistry
{
    private final NavigableSet<Long> accounts = new TreeSet<>();
    /** Each meter's accounts, in the order first enrolled: a meter moves at a billing-period boundary. */
    private final Map<Long, Set<Long>> accountsByMeter = new TreeMap<>();
    private final Map<Long, Long> tariffByMeter = new TreeMap<>();
    private final List<Long> enrolledTariffs = new ArrayList<>();
    private final Map<Long, ZoneId> zoneByTariff = new TreeMap<>();
    private long dataRecords;
    private long digest;

    private InputRegistry()
    {
    }

    /**
     * @param journalDir a journal directory.
     * @return the registry of its input journal, which is verified as it is read.
     */
    public static InputRegistry read(final Path journalDir)
    {
        return read(journalDir, Long.MAX_VALUE);
    }

    /**
     * @param journalDir a journal directory.
     * @param records    how many input data records to read at most: those {@code settle verify} checked, so that
     *                   an account registered or a meter enrolled since is not in a report of the journal as verified.
     * @return the registry of its input journal's first {@code records} data records, verified as they are read.
     */
    public static InputRegistry read(final Path journalDir, final long records)
    {
        final InputRegistry registry = new InputRegistry();
        final UnsafeBuffer view = new UnsafeBuffer(0, 0);
        final AccountRegistrationCodec account = new AccountRegistrationCodec();
        final MeterEnrolmentCodec enrolment = new MeterEnrolmentCodec();
        final TariffVersionCodec version = new TariffVersionCodec();
        final RecordHandler handler = (final DirectBuffer buffer, final int offset, final int length,
            final long position) ->
            {
                final int type = RecordFlyweight.typeIdAt(buffer, offset);
                view.wrap(buffer, offset, length);
                if (type == RecordType.ACCOUNT_REGISTRATION.id())
                {
                    registry.accounts.add(account.<AccountRegistrationCodec>wrap(view, 0).accountId());
                }
                else if (type == RecordType.METER_ENROLMENT.id())
                {
                    enrolment.wrap(view, 0);
                    registry.accountsByMeter.computeIfAbsent(enrolment.meterId(), (m) -> new LinkedHashSet<>())
                        .add(enrolment.accountId());
                    registry.tariffByMeter.put(enrolment.meterId(), enrolment.tariffId());
                    if (!registry.enrolledTariffs.contains(enrolment.tariffId()))
                    {
                        registry.enrolledTariffs.add(enrolment.tariffId());
                    }
                }
                else if (type == RecordType.TARIFF_VERSION.id())
                {
                    // the first version's: tariff versions are few, and a tariff keeps its zone across them
                    version.wrap(view, 0);
                    final ZoneId zone = registry.zoneByTariff.containsKey(version.tariffId()) ? null : zoneOf(version);
                    if (zone != null)
                    {
                        registry.zoneByTariff.put(version.tariffId(), zone);
                    }
                }
            };
        try (JournalReader reader = JournalReader.readOnly(Journals.input(journalDir)))
        {
            registry.dataRecords = reader.readDataRecords(records, handler);
            registry.digest = reader.digest();
        }
        return registry;
    }

    /**
     * The registry of the input records a verification checked, for a command that read this one first, to refuse a
     * mistyped selection before a long verify, and then reads only the records verified: this registry if it was read
     * from exactly those (the usual case), else the registry of those read again. Otherwise an account registered, or
     * a tariff version published, by a writer between the two reads would be taken as part of the journal verified.
     *
     * @param journalDir the journal directory this registry was read from.
     * @param verified   its verification, intact, made after this registry was read.
     * @return a registry of the input journal's first {@code verified.inputRecords()} data records.
     */
    public InputRegistry asVerified(final Path journalDir, final VerificationReport verified)
    {
        return dataRecords == verified.inputRecords() && digest == verified.inputDigest() ? this :
            read(journalDir, verified.inputRecords());
    }

    /**
     * @return the input data records this registry was read from.
     */
    public long dataRecords()
    {
        return dataRecords;
    }

    /**
     * @return the input journal's chain head after the records this registry was read from.
     */
    public long digest()
    {
        return digest;
    }

    /**
     * A version that does not decode is one the engine rejected as MALFORMED and never priced with: it has no zone,
     * and a sound journal may hold it (settle verify and replay pass it), so it must not stop the report.
     */
    private static ZoneId zoneOf(final TariffVersionCodec version)
    {
        try
        {
            return version.decode().zone();
        }
        catch (final RuntimeException ex)
        {
            return null;
        }
    }

    /**
     * @return registered account ids, ascending.
     */
    public NavigableSet<Long> accounts()
    {
        return Collections.unmodifiableNavigableSet(accounts);
    }

    /**
     * @param meterId a meter.
     * @return every account it was enrolled on, in the order first enrolled (more than one for a meter that moved
     *         to another account), or empty when the meter was never enrolled.
     */
    public List<Long> accountsOf(final long meterId)
    {
        return List.copyOf(accountsByMeter.getOrDefault(meterId, Set.of()));
    }

    /**
     * @param accountId an account.
     * @return every meter ever enrolled on it, ascending, including one that moved to another account since.
     */
    public List<Long> metersOf(final long accountId)
    {
        final List<Long> meters = new ArrayList<>();
        accountsByMeter.forEach((meter, accounts) ->
        {
            if (accounts.contains(accountId))
            {
                meters.add(meter);
            }
        });
        return meters;
    }

    /**
     * @return every registered account with its meters as {@link #metersOf} gives them, ascending by account; built
     *     in one walk of the enrolments, where asking {@link #metersOf} for each account walks them once an account.
     */
    public NavigableMap<Long, List<Long>> metersByAccount()
    {
        final NavigableMap<Long, List<Long>> byAccount = new TreeMap<>();
        accounts.forEach((account) -> byAccount.put(account, new ArrayList<>()));
        accountsByMeter.forEach((meter, owners) -> owners.forEach((owner) ->
        {
            final List<Long> meters = byAccount.get(owner);
            if (meters != null)
            {
                meters.add(meter);
            }
        }));
        return byAccount;
    }

    /**
     * @return how many meters were ever enrolled.
     */
    public int meterCount()
    {
        return accountsByMeter.size();
    }

    /**
     * @param tariffId a tariff.
     * @return the zone of its first journalled version, or empty when the journal has none.
     */
    public Optional<ZoneId> zoneOf(final long tariffId)
    {
        return Optional.ofNullable(zoneByTariff.get(tariffId));
    }

    /**
     * @return tariff ids meters are enrolled on, in the order first enrolled.
     */
    public List<Long> enrolledTariffs()
    {
        return Collections.unmodifiableList(enrolledTariffs);
    }
}
