package org.gridsettle.replay.ingest;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.gridsettle.replay.ingest.RecordingSink.BadRecord;
import org.gridsettle.replay.ingest.RecordingSink.Reading;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

/**
 * Sample files, copied unchanged from /work/shared/data (origins from its README):
 * <ul>
 *   <li>{@code greenbutton_Coastal_Multi_Family_2011_hourly.xml.gz}: VerdigrisTech/green-button-data,
 *       {@code benchmark/fixtures/Coastal_Multi_Family_12hr_Jan_1_2011_to_Jan_1_2012_RetailCustomer_3.xml},
 *       gzipped; NIST/EnergyOS sample, Apache-2.0.</li>
 *   <li>{@code greenbutton_ESPIIntervalBlock.xml}, {@code greenbutton_ESPIReadingType.xml}:
 *       VerdigrisTech/green-button-data, {@code spec/fixtures/}, BSD-style.</li>
 * </ul>
 * {@code synthetic_net_meter_feed.xml} is hand-written for these tests; its expected values are worked out by hand
 * below.
 */
class GreenButtonReaderTest
{
    @TempDir
    Path tempDir;

    @Test
    void readsEveryHourOfTheGzippedCoastalFeed()
    {
        final RecordingSink sink = new RecordingSink();

        final long delivered = new GreenButtonReader().read(
            RecordingSink.resource("greenbutton_Coastal_Multi_Family_2011_hourly.xml.gz"), sink);

        // `zcat ... | grep -c "<IntervalReading"` gives 8760, one per hour of 2011.
        assertThat(delivered).isEqualTo(8760);
        assertThat(sink.readings).hasSize(8760);
        assertThat(sink.badRecords).isEmpty();

        // First reading in the file: start 1293868800, duration 3600, value 450. 2011-01-01T00:00Z is
        // 14975 days * 86400 = 1293840000; +28800 s = 08:00Z, i.e. midnight in the feed's tzOffset -28800 (PST).
        // The UsagePoint self link is .../RetailCustomer/3/UsagePoint/1; its ReadingType/07 is uom 72,
        // powerOfTenMultiplier 0, flowDirection 1, so 450 is 450 Wh imported on channel 0.
        assertThat(sink.readings.get(0)).isEqualTo(new Reading("1", 0, 1293868800L, 3600, 450, 0));
        // Last reading in the file: start 1325401200 (= 1293868800 + 8759 * 3600, 2012-01-01T07:00Z), value 482.
        assertThat(sink.readings.get(8759)).isEqualTo(new Reading("1", 0, 1325401200L, 3600, 482, 0));

        // Sum of all <value> elements by awk is 5607231; less the ElectricPowerUsageSummary's two values
        // (768032 and 413894) leaves 4425305, which a Python regex over IntervalReading elements also gives.
        assertThat(sink.readings.stream().mapToLong(Reading::importWh).sum()).isEqualTo(4_425_305L);
        assertThat(sink.readings).allSatisfy(reading ->
        {
            assertThat(reading.meterId()).isEqualTo("1");
            assertThat(reading.exportWh()).isZero();
        });
        for (int i = 1; i < sink.readings.size(); i++)
        {
            assertThat(sink.readings.get(i).start()).isEqualTo(sink.readings.get(i - 1).start() + 3600);
        }
    }

    @Test
    void recognisesGzipByContentNotByName() throws IOException
    {
        final Path renamed = tempDir.resolve("feed.xml");
        Files.copy(RecordingSink.resource("greenbutton_Coastal_Multi_Family_2011_hourly.xml.gz"), renamed);
        final RecordingSink sink = new RecordingSink();

        assertThat(new GreenButtonReader().read(renamed, sink)).isEqualTo(8760);
    }

    @Test
    void defaultsToWattHoursForAFeedWithoutReadingType()
    {
        final RecordingSink sink = new RecordingSink();

        final long delivered =
            new GreenButtonReader().read(RecordingSink.resource("greenbutton_ESPIIntervalBlock.xml"), sink);

        // `grep -c "<espi:IntervalReading>"` gives 444; the feed has no ReadingType, UsagePoint or MeterReading.
        assertThat(delivered).isEqualTo(444);
        assertThat(sink.badRecords).isEmpty();
        // First reading: start 1357016400 = 2013-01-01T00:00Z (15706 days * 86400 = 1356998400) + 5 h;
        // duration 86400; value 21021. Meter id "1" from the up link .../Subscription/5/UsagePoint/1/MeterReading/1/...
        assertThat(sink.readings.get(0)).isEqualTo(new Reading("1", 0, 1357016400L, 86400, 21021, 0));
        assertThat(sink.readings.get(443).start()).isEqualTo(1395288000L);
        // Sum of the 444 values by a Python regex over the file.
        assertThat(sink.readings.stream().mapToLong(Reading::importWh).sum()).isEqualTo(9_917_817L);
    }

    @Test
    void usesTheCallersMeterIdWhenGiven()
    {
        final RecordingSink sink = new RecordingSink();

        new GreenButtonReader("meter-42").read(RecordingSink.resource("greenbutton_ESPIIntervalBlock.xml"), sink);

        assertThat(sink.readings).hasSize(444)
            .allSatisfy(reading -> assertThat(reading.meterId()).isEqualTo("meter-42"));
    }

    @Test
    void aLoneReadingTypeEntryHoldsNoReadings()
    {
        final RecordingSink sink = new RecordingSink();

        final long delivered =
            new GreenButtonReader().read(RecordingSink.resource("greenbutton_ESPIReadingType.xml"), sink);

        assertThat(delivered).isZero();
        assertThat(sink.readings).isEmpty();
        assertThat(sink.badRecords).isEmpty();
    }

    @Test
    void appliesReadingTypesLinkedAnywhereInTheFeedAndReportsBadReadingsWhereTheyAre()
    {
        final RecordingSink sink = new RecordingSink();

        final long delivered =
            new GreenButtonReader().read(RecordingSink.resource("synthetic_net_meter_feed.xml"), sink);

        assertThat(sink.readings).containsExactly(
            // MeterReading 1, kWh (multiplier 3), forward: 2 -> 2000 Wh, 5 -> 5000 Wh, channel 0.
            new Reading("7", 0, 1772964000L, 3600, 2000, 0),
            new Reading("7", 0, 1772982000L, 3600, 5000, 0),
            // MeterReading 2, tenths of Wh (multiplier -1), reverse, channel 1, half-even:
            // 2.5 -> 2, 3.5 -> 4, -1.5 -> -2, 0.7 -> 1.
            new Reading("7", 1, 1772964000L, 3600, 0, 2),
            new Reading("7", 1, 1772967600L, 3600, 0, 4),
            new Reading("7", 1, 1772971200L, 3600, 0, -2),
            new Reading("7", 1, 1772974800L, 3600, 0, 1));
        assertThat(delivered).isEqualTo(6);

        assertThat(sink.badRecords).extracting(BadRecord::source).containsOnly("synthetic_net_meter_feed.xml");
        assertThat(sink.badRecords).extracting(BadRecord::location).containsExactly(
            // Lines are where `grep -n` finds each IntervalReading start tag in the resource.
            "feed/entry[1]/content/IntervalBlock/IntervalReading[2] (line 24)",
            "feed/entry[1]/content/IntervalBlock/IntervalReading[3] (line 28)",
            "feed/entry[1]/content/IntervalBlock/IntervalReading[4] (line 32)",
            "feed/entry[1]/content/IntervalBlock/IntervalReading[5] (line 35)",
            "feed/entry[10]/content/IntervalBlock/IntervalReading[1] (line 132)",
            "feed/entry[10]/content/IntervalBlock/IntervalReading[2] (line 133)");
        assertThat(sink.badRecords.get(0).problem()).contains("\"abc\"").contains("whole numbers");
        assertThat(sink.badRecords.get(1).problem()).contains("duration 0");
        assertThat(sink.badRecords.get(2).problem()).contains("no <value>");
        assertThat(sink.badRecords.get(3).problem()).contains("9223372036854775807 x 10^3").contains("does not fit");
        assertThat(sink.badRecords.get(4).problem()).contains("ReadingType/3").contains("uom \"38\"");
        assertThat(sink.badRecords.get(5).problem()).isEqualTo(sink.badRecords.get(4).problem());
    }

    @Test
    void reportsReadingsWhoseReadingTypeIsNotInTheFeed() throws IOException
    {
        final Path file = write("orphan_block.xml", FEED_START +
            readingTypeEntry("https://example.invalid/resource/ReadingType/1", "72") +
            blockEntry("https://example.invalid/resource/UsagePoint/5/MeterReading/9/IntervalBlock", 1000L, "10") +
            FEED_END);
        final RecordingSink sink = new RecordingSink();

        new GreenButtonReader().read(file, sink);

        assertThat(sink.readings).isEmpty();
        assertThat(sink.badRecords).singleElement().satisfies(bad ->
        {
            assertThat(bad.location()).startsWith("feed/entry[2]/content/IntervalBlock/IntervalReading[1] (line ");
            assertThat(bad.problem()).contains("no MeterReading entry links IntervalBlocks");
        });
    }

    @Test
    void refusesUsagePointsThatWouldShareAMeterId() throws IOException
    {
        final String twoCustomers = FEED_START +
            blockEntry("https://example.invalid/resource/RetailCustomer/3/UsagePoint/1/MeterReading/1/IntervalBlock",
                1000L, "10") +
            blockEntry("https://example.invalid/resource/RetailCustomer/4/UsagePoint/1/MeterReading/1/IntervalBlock",
                1000L, "20") +
            FEED_END;
        final Path file = write("two_customers.xml", twoCustomers);
        final RecordingSink sink = new RecordingSink();

        assertThatThrownBy(() -> new GreenButtonReader().read(file, sink))
            .isInstanceOf(MeterDataException.class)
            .hasMessageContaining("two_customers.xml: feed: UsagePoints")
            .hasMessageContaining("both have id \"1\"");
        assertThatThrownBy(() -> new GreenButtonReader("m").read(file, sink))
            .isInstanceOf(MeterDataException.class)
            .hasMessageContaining("belong to 2 UsagePoints");
        assertThat(sink.readings).isEmpty();
    }

    @Test
    void refusesTruncatedXmlBeforeDeliveringAnything() throws IOException
    {
        final byte[] whole = Files.readAllBytes(RecordingSink.resource("greenbutton_ESPIIntervalBlock.xml"));
        final byte[] head = Arrays.copyOf(whole, 5000);
        // The head holds complete readings, so an empty sink shows the reader refused the file before delivering.
        final String headText = new String(head, StandardCharsets.UTF_8);
        assertThat(headText).contains("</espi:IntervalReading>");
        final Path file = tempDir.resolve("truncated.xml");
        Files.write(file, head);
        final RecordingSink sink = new RecordingSink();

        final MeterDataException ex = catchThrowableOfType(
            MeterDataException.class, () -> new GreenButtonReader().read(file, sink));

        assertOneLine(ex);
        // The parser stops at the end of the data: the last line of the head.
        final long lastLine = headText.chars().filter(c -> c == '\n').count() + 1;
        assertThat(ex.getMessage())
            .startsWith("truncated.xml: line " + lastLine + ", column ")
            .contains("not well-formed XML")
            .contains("expected a complete Green Button (ESPI Atom) XML document");
        assertThat(sink.readings).isEmpty();
        assertThat(sink.badRecords).isEmpty();
    }

    @Test
    void refusesATruncatedGzipStream() throws IOException
    {
        final byte[] whole =
            Files.readAllBytes(RecordingSink.resource("greenbutton_Coastal_Multi_Family_2011_hourly.xml.gz"));
        final Path file = tempDir.resolve("cut.xml.gz");
        Files.write(file, Arrays.copyOf(whole, whole.length / 2));
        final RecordingSink sink = new RecordingSink();

        final MeterDataException ex = catchThrowableOfType(
            MeterDataException.class, () -> new GreenButtonReader().read(file, sink));

        assertOneLine(ex);
        // Half the compressed bytes end mid-deflate: the JDK's GZIPInputStream says "Unexpected end of ZLIB input
        // stream", which the message must pass on, in words, instead of blaming the XML; the gzip data is read to its
        // end before the XML is parsed, so that is where it is found.
        assertThat(ex.getMessage())
            .startsWith("cut.xml.gz: checking the gzip data before reading: ")
            .contains("cannot read a Green Button (ESPI Atom) XML document: the gzip data ends early: the file was " +
                "cut short (a partial download or copy?); fetch or copy it again")
            .doesNotContain("EOFException");
        assertThat(sink.readings).isEmpty();
    }

    @Test
    void aReadingTypeFieldGivenTwiceMakesItsReadingsBadInsteadOfTakingTheLast() throws IOException
    {
        // synthetic_net_meter_feed.xml's ReadingType 1 (delivered kWh: flowDirection 1, powerOfTenMultiplier 3) with
        // each field given a second time. The second replaced the first without a word: flowDirection 19 settled
        // every import as an export (0.350250 SOLAR credited, by settle ingest), multiplier 0 billed kWh as Wh.
        final String feed = Files.readString(RecordingSink.resource("synthetic_net_meter_feed.xml"));
        for (final String[] twice : new String[][] {
            {"<flowDirection>1</flowDirection>", "<flowDirection>19</flowDirection>", "flowDirection", "1", "19"},
            {"<powerOfTenMultiplier>3</powerOfTenMultiplier>", "<powerOfTenMultiplier>0</powerOfTenMultiplier>",
                "powerOfTenMultiplier", "3", "0"}})
        {
            assertThat(feed).contains(twice[0]);
            final Path file = write("twice.xml", feed.replace(twice[0], twice[0] + twice[1]));
            final RecordingSink sink = new RecordingSink();

            new GreenButtonReader().read(file, sink);

            // ReadingType 1's six readings are each a bad row; MeterReading 2's four received ones (channel 1) still
            // come through, and no other (MeterReading 3's are in W, bad as before)
            final String problem = "ReadingType https://example.invalid/espi/1_1/resource/ReadingType/1 has " + twice[2] +
                " twice (\"" + twice[3] + "\" and \"" + twice[4] + "\"): which one holds cannot be told, and it " +
                "decides the unit, scale or direction of every reading";
            assertThat(sink.badRecords).filteredOn((bad) -> bad.problem().equals(problem)).hasSize(6);
            assertThat(sink.readings).hasSize(4).extracting(Reading::channel).containsOnly(1);
        }
    }

    @Test
    void anIntervalReadingFieldGivenTwiceIsABadRowInsteadOfTheLast() throws IOException
    {
        // the first reading of synthetic_net_meter_feed.xml with its value, start or duration given again: the last
        // was taken without a word
        for (final String[] twice : new String[][] {
            {FIRST_VALUE, FIRST_VALUE + "<espi:value>7</espi:value>", "value twice (\"2\" and \"7\")"},
            {FIRST_START, "<espi:start>1772964000</espi:start><espi:start>1772967600</espi:start></espi:timePeriod>",
                "start twice (\"1772964000\" and \"1772967600\")"},
            {FIRST_DURATION, "<espi:duration>3600</espi:duration><espi:duration>900</espi:duration>" +
                "<espi:start>1772964000</espi:start>", "duration twice (\"3600\" and \"900\")"}})
        {
            assertFirstReadingBad(twice[0], twice[1],
                "IntervalReading has " + twice[2] + ": which one holds cannot be told");
        }
    }

    @Test
    void anIntervalReadingNumberInOtherDigitsIsABadRowNotRead() throws IOException
    {
        // the first reading of synthetic_net_meter_feed.xml with its value, start or duration in digits other than
        // 0-9: Long.parseLong takes any Unicode digit, so the Arabic-Indic two (U+0662) was read as 2 and settled,
        // where any other reader of the feed sees text
        for (final String[] other : new String[][] {
            {FIRST_VALUE, "<espi:value>\u0662</espi:value>", "\"1772964000\", duration \"3600\" and value \"\u0662\""},
            {FIRST_START, "<espi:start>\uFF11772964000</espi:start></espi:timePeriod>",
                "\"\uFF11772964000\", duration \"3600\" and value \"2\""},
            {FIRST_DURATION, "<espi:duration>\u0663600</espi:duration><espi:start>1772964000</espi:start>",
                "\"1772964000\", duration \"\u0663600\" and value \"2\""}})
        {
            assertFirstReadingBad(other[0], other[1],
                "start " + other[2] + " must all be whole numbers (only the digits 0-9 are read)");
        }
    }

    /**
     * Reads synthetic_net_meter_feed.xml with the first {@code from} replaced by {@code to}, and checks that its
     * first reading (2 kWh delivered at 1772964000, line 20) is the bad row {@code problem} and is not delivered.
     */
    private void assertFirstReadingBad(final String from, final String to, final String problem) throws IOException
    {
        final String feed = Files.readString(RecordingSink.resource("synthetic_net_meter_feed.xml"));
        assertThat(feed).contains(from);
        final Path file = write("changed.xml", feed.replaceFirst(java.util.regex.Pattern.quote(from),
            java.util.regex.Matcher.quoteReplacement(to)));
        final RecordingSink sink = new RecordingSink();

        new GreenButtonReader().read(file, sink);

        assertThat(sink.badRecords).contains(new BadRecord("changed.xml",
            "feed/entry[1]/content/IntervalBlock/IntervalReading[1] (line 20)", problem));
        assertThat(sink.readings).noneSatisfy((r) -> assertThat(r.channel() == 0 && r.start() == 1772964000L)
            .isTrue());
    }

    @Test
    void aReadingTypeNumberInOtherDigitsMakesItsReadingsBad() throws IOException
    {
        // ReadingType 1 of synthetic_net_meter_feed.xml (uom 72, powerOfTenMultiplier 3, flowDirection 1) with one
        // field in fullwidth digits (U+FF10 to U+FF19): Integer.parseInt read them as 72, 3 and 1, and its readings
        // settled as if the feed were well formed
        final String feed = Files.readString(RecordingSink.resource("synthetic_net_meter_feed.xml"));
        final String type = "ReadingType https://example.invalid/espi/1_1/resource/ReadingType/1 has ";
        for (final String[] other : new String[][] {
            {"<uom>72</uom>", "<uom>\uFF17\uFF12</uom>", type + "uom \"\uFF17\uFF12\", only 72 (Wh) is accepted"},
            {"<powerOfTenMultiplier>3</powerOfTenMultiplier>", "<powerOfTenMultiplier>\uFF13</powerOfTenMultiplier>",
                type + "powerOfTenMultiplier \"\uFF13\", expected a whole number from -"},
            {"<flowDirection>1</flowDirection>", "<flowDirection>\uFF11</flowDirection>",
                type + "flowDirection \"\uFF11\", expected 1 (forward, delivered) or 19 (reverse, received)"}})
        {
            assertThat(feed).contains(other[0]);
            final Path file = write("digits.xml", feed.replace(other[0], other[1]));
            final RecordingSink sink = new RecordingSink();

            new GreenButtonReader().read(file, sink);

            // ReadingType 1's six readings are each a bad row; MeterReading 2's four received ones (channel 1) still
            // come through
            assertThat(sink.badRecords).filteredOn((bad) -> bad.problem().startsWith(other[2])).hasSize(6);
            assertThat(sink.readings).hasSize(4).extracting(Reading::channel).containsOnly(1);
        }
    }

    @Test
    void refusesAGzipStreamCutInItsTrailer() throws IOException
    {
        final byte[] whole =
            Files.readAllBytes(RecordingSink.resource("greenbutton_Coastal_Multi_Family_2011_hourly.xml.gz"));
        // The last 8 bytes are the gzip trailer, CRC-32 and length (RFC 1952): without them the data cannot be
        // proved whole, and `gzip -t` says "unexpected end of file". Cut anywhere in them, every reading was
        // delivered and the file accepted.
        for (final int cut : new int[] {1, 4, 8})
        {
            final Path file = tempDir.resolve("cut" + cut + ".xml.gz");
            Files.write(file, Arrays.copyOf(whole, whole.length - cut));

            final MeterDataException ex = catchThrowableOfType(
                MeterDataException.class, () -> new GreenButtonReader().read(file, new RecordingSink()));

            assertThat(ex).as("cut by %d bytes", cut).isNotNull();
            assertOneLine(ex);
            assertThat(ex.getMessage())
                // found by the read of the gzip data to its end, before the XML is parsed
                .startsWith("cut" + cut + ".xml.gz: checking the gzip data before reading: ")
                .contains(": cannot read a Green Button")
                .contains("the gzip data ends early: the file was cut short");
        }
    }

    @Test
    void refusesBytesAfterTheGzipDataAndReadsJoinedMembers() throws IOException
    {
        final byte[] whole =
            Files.readAllBytes(RecordingSink.resource("greenbutton_Coastal_Multi_Family_2011_hourly.xml.gz"));
        // the JDK's GZIPInputStream ignored what follows the last gzip member: the four bytes here, or a whole
        // second file, were read past without a word
        final Path tail = tempDir.resolve("tail.xml.gz");
        Files.write(tail, Arrays.copyOf(whole, whole.length + 4));

        final MeterDataException ex = catchThrowableOfType(
            MeterDataException.class, () -> new GreenButtonReader().read(tail, new RecordingSink()));

        assertThat(ex).isNotNull();
        assertOneLine(ex);
        assertThat(ex.getMessage()).startsWith("tail.xml.gz: ")
            .contains("cannot read a Green Button (ESPI Atom) XML document: data follows the end of the gzip data " +
                "at byte " + whole.length + ": the file is damaged or two files were joined");

        // the sample gzipped twice over and joined (`cat a.gz a.gz`) is one gzip stream of the feed twice, which the
        // parser then refuses as XML after the end of the document, not as gzip
        final Path joined = tempDir.resolve("joined.xml.gz");
        final byte[] twice = Arrays.copyOf(whole, whole.length * 2);
        System.arraycopy(whole, 0, twice, whole.length, whole.length);
        Files.write(joined, twice);

        final MeterDataException twiceEx = catchThrowableOfType(
            MeterDataException.class, () -> new GreenButtonReader().read(joined, new RecordingSink()));

        assertThat(twiceEx).isNotNull();
        assertThat(twiceEx.getMessage()).doesNotContain("gzip");
    }

    @Test
    void refusesAnEmptyFile() throws IOException
    {
        final Path file = write("empty.xml", "");

        final MeterDataException ex = catchThrowableOfType(
            MeterDataException.class, () -> new GreenButtonReader().read(file, new RecordingSink()));

        assertOneLine(ex);
        assertThat(ex.getMessage())
            .isEqualTo("empty.xml: line 1: empty file, expected a Green Button (ESPI Atom) XML document");
    }

    @Test
    void aByteThatIsNotUtf8IsOneLineWithItsPlaceAndNothingElseOnStderr() throws IOException
    {
        // a feed saved as Latin-1 with no encoding declared
        final Path file = latin1Title("latin1.xml", "<?xml version=\"1.0\"?>");
        final ByteArrayOutputStream stderr = new ByteArrayOutputStream();
        final PrintStream previous = System.err;
        final MeterDataException ex;
        System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
        try
        {
            ex = catchThrowableOfType(
                MeterDataException.class, () -> new GreenButtonReader().read(file, new RecordingSink()));
        }
        finally
        {
            System.setErr(previous);
        }

        assertOneLine(ex);
        // line 2: <feed xmlns="http://www.w3.org/2005/Atom"> is 42 characters, <title> 7, "Caf" 3: the byte is the
        // 53rd, and in UTF-8 it would start a three-byte character, which the "<" after it cannot continue
        assertThat(ex.getMessage()).isEqualTo("latin1.xml: line 2, column 53: bytes 0xE9 0x3C are not UTF-8, and the " +
            "document declares no other encoding, expected a complete Green Button (ESPI Atom) XML document");
        // the JDK's parser prints "[Fatal Error] :-1:-1: Invalid byte 1 of 1-byte UTF-8 sequence." when it meets one
        assertThat(stderr.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void aDocumentDeclaringAnotherEncodingIsDecodedInIt() throws IOException
    {
        final Path file = latin1Title("declared.xml", "<?xml version=\"1.0\" encoding=\"ISO-8859-1\"?>");
        final RecordingSink sink = new RecordingSink();

        assertThat(new GreenButtonReader().read(file, sink)).isZero();
        assertThat(sink.badRecords).isEmpty();
    }

    @Test
    void refusesAFileThatIsNotXml() throws IOException
    {
        final Path file = write("readings.csv", "meter_id,interval_start\nm1,0\n");

        final MeterDataException ex = catchThrowableOfType(
            MeterDataException.class, () -> new GreenButtonReader().read(file, new RecordingSink()));

        assertOneLine(ex);
        assertThat(ex.getMessage())
            .startsWith("readings.csv: line 1, column 1: not well-formed XML (Content is not allowed in prolog.)");
    }

    @Test
    void refusesXmlThatIsNotAnAtomFeed() throws IOException
    {
        final Path file = write("openadr.xml",
            "<?xml version=\"1.0\"?>\n<oadrPayload xmlns=\"http://openadr.org/oadr-2.0b/2012/07\"/>\n");

        final MeterDataException ex = catchThrowableOfType(
            MeterDataException.class, () -> new GreenButtonReader().read(file, new RecordingSink()));

        assertOneLine(ex);
        assertThat(ex.getMessage()).startsWith("openadr.xml: line 2, column ").contains("root element <oadrPayload>");
    }

    @Test
    void refusesXxeWithoutReadingTheReferencedFile() throws IOException
    {
        final Path secret = write("secret.txt", "XXE-CANARY-7f3a");
        final String secretUri = secret.toUri().toString();
        final Path internalSubset = write("xxe.xml", "<?xml version=\"1.0\"?>\n" +
            "<!DOCTYPE feed [ <!ENTITY xxe SYSTEM \"" + secretUri + "\"> ]>\n" +
            "<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>&xxe;</title></entry></feed>\n");
        final Path externalDtd = write("xxe_dtd.xml", "<?xml version=\"1.0\"?>\n" +
            "<!DOCTYPE feed SYSTEM \"" + secretUri + "\">\n<feed xmlns=\"http://www.w3.org/2005/Atom\"/>\n");

        for (final Path file : new Path[]{ internalSubset, externalDtd })
        {
            final RecordingSink sink = new RecordingSink();
            final MeterDataException ex = catchThrowableOfType(
                MeterDataException.class, () -> new GreenButtonReader().read(file, sink));

            assertOneLine(ex);
            assertThat(ex.getMessage())
                .startsWith(file.getFileName() + ": line 2, column ")
                .contains("DOCTYPE declaration refused");
            for (Throwable t = ex; null != t; t = t.getCause())
            {
                assertThat(String.valueOf(t.getMessage())).doesNotContain("XXE-CANARY");
            }
            assertThat(sink.readings).isEmpty();
            assertThat(sink.badRecords).isEmpty();
        }
    }

    @Test
    void refusesBillionLaughsWithoutExpandingEntities() throws IOException
    {
        final StringBuilder doc = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n");
        doc.append(" <!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++)
        {
            doc.append(" <!ENTITY lol").append(i).append(" \"");
            for (int j = 0; j < 10; j++)
            {
                doc.append(1 == i ? "&lol;" : "&lol" + (i - 1) + ";");
            }
            doc.append("\">\n");
        }
        doc.append("]>\n<feed xmlns=\"http://www.w3.org/2005/Atom\"><entry><title>&lol9;</title></entry></feed>\n");
        final Path file = write("lolz.xml", doc.toString());
        final RecordingSink sink = new RecordingSink();

        // The DOCTYPE ends on line 13, with "]>". Expanded, &lol9; is 10^9 "lol"s: seconds and gigabytes.
        // Refused, it is milliseconds.
        final MeterDataException ex = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> catchThrowableOfType(
            MeterDataException.class, () -> new GreenButtonReader().read(file, sink)));

        assertOneLine(ex);
        assertThat(ex.getMessage()).startsWith("lolz.xml: line 13, column ").contains("DOCTYPE declaration refused");
        assertThat(sink.readings).isEmpty();
    }

    /** The value, start and duration of synthetic_net_meter_feed.xml's first reading, each with what follows it. */
    private static final String FIRST_VALUE = "<espi:value>2</espi:value>";
    private static final String FIRST_START = "<espi:start>1772964000</espi:start></espi:timePeriod>";
    private static final String FIRST_DURATION =
        "<espi:duration>3600</espi:duration><espi:start>1772964000</espi:start>";
    private static final String FEED_START = "<?xml version=\"1.0\"?>\n" +
        "<feed xmlns=\"http://www.w3.org/2005/Atom\" xmlns:espi=\"http://naesb.org/espi\">\n";
    private static final String FEED_END = "</feed>\n";

    private static String readingTypeEntry(final String self, final String uom)
    {
        return "<entry><link rel=\"self\" href=\"" + self + "\"/><content><espi:ReadingType><espi:uom>" + uom +
            "</espi:uom></espi:ReadingType></content></entry>\n";
    }

    private static String blockEntry(final String up, final long start, final String value)
    {
        return "<entry><link rel=\"up\" href=\"" + up + "\"/><content><espi:IntervalBlock>\n" +
            "<espi:IntervalReading><espi:timePeriod><espi:duration>900</espi:duration><espi:start>" + start +
            "</espi:start></espi:timePeriod><espi:value>" + value + "</espi:value></espi:IntervalReading>\n" +
            "</espi:IntervalBlock></content></entry>\n";
    }

    /**
     * An empty feed on line 2 whose title is "Caf\u00e9" in Latin-1: the single byte 0xE9, which is not UTF-8.
     */
    private Path latin1Title(final String name, final String declaration) throws IOException
    {
        return Files.write(tempDir.resolve(name), (declaration + "\n<feed xmlns=\"http://www.w3.org/2005/Atom\">" +
            "<title>Caf\u00e9</title></feed>\n").getBytes(StandardCharsets.ISO_8859_1));
    }

    private Path write(final String name, final String content) throws IOException
    {
        return Files.writeString(tempDir.resolve(name), content, StandardCharsets.UTF_8);
    }

    private static void assertOneLine(final MeterDataException ex)
    {
        assertThat(ex).isNotNull();
        assertThat(ex.getMessage()).doesNotContain("\n").doesNotContain("\r");
    }
}
