package org.gridsettle.engine;

import org.agrona.concurrent.UnsafeBuffer;
import org.gridsettle.engine.logic.SettlementLogic;
import org.gridsettle.journal.codec.AccountRegistrationCodec;
import org.gridsettle.journal.codec.MeterEnrolmentCodec;
import org.gridsettle.journal.codec.MeterTickCodec;
import org.gridsettle.journal.codec.ReasonCode;
import org.gridsettle.journal.codec.RecordType;
import org.gridsettle.journal.codec.TariffVersionCodec;
import org.gridsettle.pricing.tariff.TouPeriod;
import org.gridsettle.pricing.tariff.TouTariff;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Builds before 1f7521e journalled a period name with an ASCII control character as given (a host's
 * {@code new TouPeriod("peak\t", ...)}, or a tariff file's {@code "peak\t"} escape): TARIFF_VERSION holds names as
 * ASCII, and only characters above 0x7F were written as '?'. Replaying such a journal must accept that tariff version
 * as the build that wrote it did, not refuse it MALFORMED and then every enrolment and tick on it UNKNOWN_TARIFF.
 */
class JournalledPeriodNameTest
{
    private static final long METER = 1;
    private static final long HOUR = 3_600;

    @Test
    void aTariffVersionWhosePeriodNameHoldsAControlCharacterReplaysAsItWasJournalled()
    {
        // the tab an older build journalled where this test's tariff has '~'
        final Outputs out = Outputs.ofRecords(apply((byte)'\t'));
        for (final long input : new long[] {1, 2, 3})
        {
            assertThat(out.causedBy(input)).as("input %d", input).isEmpty();
        }
        assertThat(out.causedBy(4)).hasSize(1);
        assertThat(Outputs.type(out.causedBy(4).get(0))).isEqualTo(RecordType.TRANSFER.id());
        // 1 kWh off-peak at the fixture's 0.30/kWh
        assertThat(Outputs.transfer(out.causedBy(4).get(0)).amount()).isEqualTo(300_000);
    }

    /** No gridsettle build writes a byte above 0x7F in a name (section 10 row of 1f7521e): it is refused. */
    @Test
    void aTariffVersionWhosePeriodNameHoldsAByteAbove7fIsMalformed()
    {
        final Outputs out = Outputs.ofRecords(apply((byte)0xE9));
        assertThat(out.causedBy(1)).hasSize(1);
        assertThat(Outputs.rejection(out.causedBy(1).get(0))).isEqualTo(ReasonCode.MALFORMED);
        assertThat(Outputs.rejectionSubject(out.causedBy(1).get(0))).isZero();
        assertThat(Outputs.rejection(out.causedBy(3).get(0))).isEqualTo(ReasonCode.UNKNOWN_TARIFF);
    }

    /**
     * Applies the fixture tariff with its first period named "off" + {@code nameByte} + "peak", an account, the meter's
     * enrolment on the tariff and one off-peak tick of 1 kWh (inputs 1 to 4).
     */
    private static List<byte[]> apply(final byte nameByte)
    {
        final List<byte[]> outputs = new ArrayList<>();
        final SettlementLogic logic = new SettlementLogic((buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            outputs.add(copy);
        });
        final UnsafeBuffer record = new UnsafeBuffer(ByteBuffer.allocateDirect(4096));
        final TouTariff fixture = EngineFixture.tariff();
        final TouTariff marked = TouTariff.hourly(EngineFixture.TARIFF, 1, EngineFixture.START, "USD", "SOLAR",
            EngineFixture.ZONE, List.of(new TouPeriod("off~peak", EngineFixture.OFF_PEAK_IMPORT,
                EngineFixture.OFF_PEAK_EXPORT), fixture.period(1)), peakHours(), peakHours());
        final TariffVersionCodec tariff = new TariffVersionCodec();
        tariff.wrap(record, 0);
        tariff.encode(1, marked);
        final int length = tariff.length();
        record.putByte(indexOf(record, length, "off~peak") + 3, nameByte);
        logic.apply(record, 0, length);
        final AccountRegistrationCodec account = new AccountRegistrationCodec();
        account.wrap(record, 0);
        account.encode(2, 1001);
        logic.apply(record, 0, AccountRegistrationCodec.LENGTH);
        final MeterEnrolmentCodec enrolment = new MeterEnrolmentCodec();
        enrolment.wrap(record, 0);
        enrolment.encode(3, METER, 1001, EngineFixture.TARIFF, EngineFixture.START, 0, 0);
        logic.apply(record, 0, MeterEnrolmentCodec.LENGTH);
        final MeterTickCodec tick = new MeterTickCodec();
        tick.wrap(record, 0);
        tick.encode(4, METER, 0, EngineFixture.START + 8 * HOUR, 900, 1_000, 0, 0);
        logic.apply(record, 0, MeterTickCodec.LENGTH);
        return outputs;
    }

    private static int[] peakHours()
    {
        final int[] hours = new int[24];
        for (int h = 16; h < 21; h++)
        {
            hours[h] = 1;
        }
        return hours;
    }

    private static int indexOf(final UnsafeBuffer buffer, final int length, final String text)
    {
        final byte[] wanted = text.getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i + wanted.length <= length; i++)
        {
            boolean match = true;
            for (int j = 0; j < wanted.length && match; j++)
            {
                match = buffer.getByte(i + j) == wanted[j];
            }
            if (match)
            {
                return i;
            }
        }
        throw new AssertionError("'" + text + "' not in the record");
    }
}
