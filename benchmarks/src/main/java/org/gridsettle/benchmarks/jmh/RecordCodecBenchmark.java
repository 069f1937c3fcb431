package org.gridsettle.benchmarks.jmh;

import org.agrona.BufferUtil;
import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.benchmarks.JvmFlags;
import org.gridsettle.benchmarks.workload.BenchTariff;
import org.gridsettle.journal.codec.AccountRegistrationCodec;
import org.gridsettle.journal.codec.CalendarCodec;
import org.gridsettle.journal.codec.CarbonIntensityCodec;
import org.gridsettle.journal.codec.CheckpointCodec;
import org.gridsettle.journal.codec.DrEventCodec;
import org.gridsettle.journal.codec.DuplicateAckCodec;
import org.gridsettle.journal.codec.InterestAccrualCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.OraclePriceCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.RedemptionCodec;
import org.gridsettle.journal.codec.RejectionCodec;
import org.gridsettle.journal.codec.TariffVersionCodec;
import org.gridsettle.pricing.money.TokenSymbol;
import org.gridsettle.pricing.tariff.TouTariff;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

import java.util.concurrent.TimeUnit;

/**
 * Encoding then decoding one record of every journal type that {@link CodecBenchmark} does not cover, with the
 * flyweights over a 64-byte-aligned direct {@link UnsafeBuffer}: each encodes with a changing value and returns a
 * sum of the decoded fields, so nothing is optimised away. With {@code -prof gc} it shows which codecs allocate.
 * <p>
 * Two decodes are left out on purpose because they build objects by design: a tariff version decodes to a whole
 * {@link TouTariff} (once per published version, never per tick), and a pricing node's name to a {@code String}
 * (the engine compares it in place). The tariff version's encode is measured.
 * <p>
 * JMH state, one per thread.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class RecordCodecBenchmark
{
    private static final long USD = TokenSymbol.pack("USD");
    private static final long DR = TokenSymbol.pack("DR");
    private static final int HALF_HOURS = 48;

    private final UnsafeBuffer buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(8192, 64));
    private final AccountRegistrationCodec account = new AccountRegistrationCodec();
    private final MeterEnrolmentCodec enrolment = new MeterEnrolmentCodec();
    private final CarbonIntensityCodec carbon = new CarbonIntensityCodec();
    private final OraclePriceCodec oracle = new OraclePriceCodec();
    private final DrEventCodec drEvent = new DrEventCodec();
    private final RedemptionCodec redemption = new RedemptionCodec();
    private final InterestAccrualCodec interest = new InterestAccrualCodec();
    private final CalendarCodec calendar = new CalendarCodec();
    private final RejectionCodec rejection = new RejectionCodec();
    private final DuplicateAckCodec duplicate = new DuplicateAckCodec();
    private final CheckpointCodec checkpoint = new CheckpointCodec();
    private final TariffVersionCodec tariffVersion = new TariffVersionCodec();
    private final long[] intensities = new long[HALF_HOURS];
    private final byte[] sources = new byte[HALF_HOURS];
    private final long[] prices = new long[HALF_HOURS];
    private final byte[] sha = new byte[CheckpointCodec.SHA_LENGTH];
    private TouTariff tariff;
    private long counter;

    /**
     * Builds the arrays and the tariff a record is encoded from.
     */
    @Setup
    public void setUp()
    {
        JvmFlags.requirePresent(getClass().getSimpleName());
        for (int i = 0; i < HALF_HOURS; i++)
        {
            intensities[i] = 150_000L + 1_000L * i;
            sources[i] = (byte)(i & 1);
            prices[i] = 40_000_000L - 500_000L * i;
        }
        tariff = BenchTariff.create();
    }

    /**
     * @return a sum of the decoded fields.
     */
    @Benchmark
    public long accountRegistration()
    {
        final long n = ++counter;
        account.<AccountRegistrationCodec>wrap(buffer, 0).encode(n, 1_000 + n);
        return account.sequence() + account.accountId();
    }

    /**
     * @return a sum of the decoded fields.
     */
    @Benchmark
    public long meterEnrolment()
    {
        final long n = ++counter;
        enrolment.<MeterEnrolmentCodec>wrap(buffer, 0).encode(n, n & 0xFFFF, 1_000 + n, 9001, 1_783_000_000L, 3, 2);
        return enrolment.meterId() + enrolment.accountId() + enrolment.tariffId() + enrolment.effectiveFrom() +
            enrolment.programs() + enrolment.carbonRegion() + (enrolment.hasPricingNode() ? 1 : 0);
    }

    /**
     * @return a sum of the decoded fields, a day of half-hourly intensities.
     */
    @Benchmark
    public long carbonIntensity()
    {
        final long n = ++counter;
        intensities[(int)(n % HALF_HOURS)] = n;
        carbon.<CarbonIntensityCodec>wrap(buffer, 0)
            .encode(n, 7, 1_783_000_000L, 1_800, intensities, sources, 0, HALF_HOURS);
        long sum = carbon.region() + carbon.start() + carbon.intervalSeconds();
        for (int i = 0; i < carbon.count(); i++)
        {
            sum += carbon.mgPerKwh(i) + carbon.source(i);
        }
        return sum;
    }

    /**
     * @return a sum of the decoded fields, a day of half-hourly prices.
     */
    @Benchmark
    public long oraclePrice()
    {
        final long n = ++counter;
        prices[(int)(n % HALF_HOURS)] = n;
        oracle.<OraclePriceCodec>wrap(buffer, 0).encode(n, "CAISO.SP15", 1_783_000_000L, 1_800, prices, 0, HALF_HOURS);
        long sum = oracle.nodeOffset() + oracle.start() + oracle.intervalSeconds();
        for (int i = 0; i < oracle.count(); i++)
        {
            sum += oracle.microsPerMwh(i);
        }
        return sum;
    }

    /**
     * @return a sum of the decoded fields.
     */
    @Benchmark
    public long drEvent()
    {
        final long n = ++counter;
        drEvent.<DrEventCodec>wrap(buffer, 0)
            .encode(n, n, DR, 9001, 1_783_000_000L, 1_783_010_800L, 2_000_000, 1, 0);
        return drEvent.eventId() + drEvent.programToken() + drEvent.tariffId() + drEvent.start() + drEvent.end() +
            drEvent.incentive() + drEvent.declaredWhPerHour() + drEvent.baselineMethod();
    }

    /**
     * @return a sum of the decoded fields.
     */
    @Benchmark
    public long redemption()
    {
        final long n = ++counter;
        redemption.<RedemptionCodec>wrap(buffer, 0).encode(n, n, 1_000 + n, USD, n & 0xFFFFF);
        return redemption.requestId() + redemption.accountId() + redemption.token() + redemption.amount();
    }

    /**
     * @return a sum of the decoded fields.
     */
    @Benchmark
    public long interestAccrual()
    {
        final long n = ++counter;
        interest.<InterestAccrualCodec>wrap(buffer, 0).encode(n, n, USD, 450, 20_600 + (n & 0xFF));
        return interest.requestId() + interest.token() + interest.apyBps() + interest.epochDay();
    }

    /**
     * @return a sum of the decoded fields.
     */
    @Benchmark
    public long calendar()
    {
        final long n = ++counter;
        calendar.<CalendarCodec>wrap(buffer, 0).encode(n, CalendarCodec.PERIOD_CLOSE, 1_783_000_000L + n, 9001);
        return calendar.kind() + calendar.at() + calendar.tariffId();
    }

    /**
     * @return a sum of the decoded fields.
     */
    @Benchmark
    public long rejection()
    {
        final long n = ++counter;
        rejection.<RejectionCodec>wrap(buffer, 0)
            .encode(n, n, ReasonCode.UNKNOWN_METER, RecordType.METER_TICK.id(), n & 0xFFFF);
        return rejection.causeSequence() + rejection.reasonCode() + rejection.inputType() + rejection.subject();
    }

    /**
     * @return a sum of the decoded fields.
     */
    @Benchmark
    public long duplicateAck()
    {
        final long n = ++counter;
        duplicate.<DuplicateAckCodec>wrap(buffer, 0).encode(n, n, n & 0xFFFF, 1_783_000_000L + 900 * n);
        return duplicate.causeSequence() + duplicate.meterId() + duplicate.intervalStart();
    }

    /**
     * @return a sum of the decoded fields.
     */
    @Benchmark
    public long checkpoint()
    {
        final long n = ++counter;
        sha[(int)(n & 31)] = (byte)n;
        checkpoint.<CheckpointCodec>wrap(buffer, 0).encode(n, n, CheckpointCodec.KIND_PERIODIC, sha, 0, 0);
        return checkpoint.recordsCovered() + checkpoint.lastSequence() + checkpoint.kind() +
            checkpoint.boundRecords() + checkpoint.boundChain();
    }

    /**
     * @return the encoded length.
     */
    @Benchmark
    public int tariffVersionEncode()
    {
        tariffVersion.<TariffVersionCodec>wrap(buffer, 0).encode(++counter, tariff);
        return TariffVersionCodec.encodedLength(tariff);
    }
}
