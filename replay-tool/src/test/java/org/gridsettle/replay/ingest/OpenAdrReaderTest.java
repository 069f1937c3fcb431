package org.gridsettle.replay.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

/**
 * {@link OpenAdrReader} on the two OpenADR 2.0b samples of EnerNOC/oadr2-ven-python ({@code test/xml_files/2.0b_spec/},
 * Apache-2.0), copied unchanged into {@code src/test/resources/ingest/} (see its README): every field the reader
 * takes is checked against the value written in the file. Then hostile and broken payloads.
 */
class OpenAdrReaderTest
{
    private static final String SAMPLE = "openadr20b_Sample_oadrDistributeEvent.xml";
    private static final String SAMPLE_WITH_BASELINE = "openadr20b_Sample_oadrDistributeEvent_W_Baseline.xml";

    @TempDir
    Path tmp;

    @Test
    void readsTheSampleFieldByField()
    {
        final OpenAdrPayload payload = new OpenAdrReader().read(resource(SAMPLE));

        // <pyld:requestID>REQ_12345</pyld:requestID> after the eiResponse (whose own requestID is empty)
        assertThat(payload.source()).isEqualTo("openadr20b_Sample_oadrDistributeEvent.xml");
        assertThat(payload.requestId()).isEqualTo("REQ_12345");
        assertThat(payload.vtnId()).isEqualTo("VTN_543");
        assertThat(payload.events()).hasSize(1);
        final OpenAdrEvent event = payload.events().get(0);
        assertThat(event.eventId()).isEqualTo("Event_939393");
        assertThat(event.modificationNumber()).isEqualTo(1);
        assertThat(event.status()).isEqualTo("far");
        assertThat(event.testEvent()).isEqualTo("false");
        assertThat(event.isTest()).isFalse();
        assertThat(event.marketContext()).isEqualTo("http://www.myprogram.com");
        // the active period's dtstart and duration, not the tolerance's PT3M nor the notification's PT60M
        assertThat(event.start()).isEqualTo(Instant.parse("2001-12-17T09:40:47Z"));
        assertThat(event.duration()).isEqualTo(Duration.ofMinutes(30));
        assertThat(event.baseline()).isNull();
        assertThat(event.line()).as("the line of <oadr:oadrEvent>").isEqualTo(11);
        // the event's own eiTarget (RES_123 twice), then its two signals' (the same end device in each)
        assertThat(event.targets())
            .containsExactly("groupID Group_123", "resourceID RES_123", "endDeviceAsset/mrid Exterior_Lighting");
        assertThat(event.targetsPartOfTheVen()).isTrue();
        assertThat(event.venIds()).isEmpty();
    }

    @Test
    void readsTheBaselineSampleFieldByField()
    {
        final OpenAdrPayload payload = new OpenAdrReader().read(resource(SAMPLE_WITH_BASELINE));

        assertThat(payload.requestId()).isEqualTo("REQ_12345");
        assertThat(payload.vtnId()).isEqualTo("VTN_543");
        final OpenAdrEvent event = payload.events().get(0);
        assertThat(event.eventId()).isEqualTo("Event_939393");
        assertThat(event.modificationNumber()).isEqualTo(1);
        assertThat(event.status()).isEqualTo("far");
        assertThat(event.isTest()).isFalse();
        assertThat(event.marketContext()).isEqualTo("http://www.myprogram.com");
        assertThat(event.start()).isEqualTo(Instant.parse("2001-12-17T09:40:47Z"));
        assertThat(event.duration()).isEqualTo(Duration.ofMinutes(30));
        final OpenAdrBaseline baseline = event.baseline();
        // its own dtstart 09:30:47Z and PT60M, one PT60M interval of 25, in powerReal W at SI scale d (deci)
        assertThat(baseline.start()).isEqualTo(Instant.parse("2001-12-17T09:30:47Z"));
        assertThat(baseline.duration()).isEqualTo(Duration.ofMinutes(60));
        assertThat(baseline.intervals()).containsExactly(
            new OpenAdrBaseline.Interval(Duration.ofMinutes(60), "0", new BigDecimal("25")));
        assertThat(baseline.baselineId()).isEqualTo("Deployment_Specific");
        assertThat(baseline.baselineName()).isEqualTo("Power Usage");
        assertThat(baseline.itemName()).isEqualTo("powerReal");
        assertThat(baseline.itemUnits()).isEqualTo("W");
        assertThat(baseline.siScaleCode()).isEqualTo("d");
        // addressed to the VEN as a whole, which is what settling every meter in demand response models
        assertThat(event.targets()).containsExactly("venID ven_py");
        assertThat(event.targetsPartOfTheVen()).isFalse();
        assertThat(event.venIds()).containsExactly("ven_py");
    }

    @Test
    void readsAPayloadWrappedInOadrPayloadAndAWeekDuration() throws IOException
    {
        final String sample = Files.readString(resource(SAMPLE));
        final String wrapped = sample
            .replace("<oadr:oadrDistributeEvent ", "<oadr:oadrPayload xmlns:oadr=\"http://openadr.org/oadr-2.0b/" +
                "2012/07\"><oadr:oadrSignedObject><oadr:oadrDistributeEvent ")
            .replace("</oadr:oadrDistributeEvent>", "</oadr:oadrDistributeEvent></oadr:oadrSignedObject>" +
                "</oadr:oadrPayload>")
            .replace("<xcal:duration>PT30M</xcal:duration>", "<xcal:duration>P1W</xcal:duration>");

        final OpenAdrEvent event = new OpenAdrReader().read(write("wrapped.xml", wrapped)).events().get(0);

        assertThat(event.eventId()).isEqualTo("Event_939393");
        assertThat(event.duration()).isEqualTo(Duration.ofDays(7));
    }

    @Test
    void anEventsDurationOrStartGivenTwiceIsRefusedNotReadAsTheFirst() throws IOException
    {
        // the sample's one event, its active period's duration (PT30M) followed by a second one (PT2H): the first was
        // taken and the second ignored without a word
        final String sample = Files.readString(resource(SAMPLE));
        final Path twice = Files.writeString(tmp.resolve("twice.xml"), sample.replaceFirst(
            "(<xcal:duration>\\s*<xcal:duration>PT30M</xcal:duration>\\s*</xcal:duration>)",
            "$1<xcal:duration><xcal:duration>PT2H</xcal:duration></xcal:duration>"));
        final Path twoStarts = Files.writeString(tmp.resolve("two-starts.xml"), sample.replaceFirst(
            "(<xcal:date-time>[^<]+</xcal:date-time>)", "$1<xcal:date-time>2001-12-17T11:40:47Z</xcal:date-time>"));
        assertThat(Files.readString(twice)).isNotEqualTo(sample);
        assertThat(Files.readString(twoStarts)).isNotEqualTo(sample);

        assertThatThrownBy(() -> new OpenAdrReader().read(twice)).isInstanceOf(MeterDataException.class)
            .hasMessageStartingWith("twice.xml: line ")
            .hasMessageContaining("event \"Event_939393\": <eiEvent/eiActivePeriod/properties/duration/duration> " +
                "is given twice (again at line ")
            .hasMessageEndingWith("); OpenADR 2.0b allows one");
        assertThatThrownBy(() -> new OpenAdrReader().read(twoStarts)).isInstanceOf(MeterDataException.class)
            .hasMessageContaining("<eiEvent/eiActivePeriod/properties/dtstart/date-time> is given twice");
        // the samples, with one of each, read as before
        assertThat(new OpenAdrReader().read(resource(SAMPLE)).events()).hasSize(1);
        assertThat(new OpenAdrReader().read(resource(SAMPLE_WITH_BASELINE)).events()).hasSize(1);
    }

    @Test
    void aTestEventIsAnyTestEventTextButFalse() throws IOException
    {
        final String sample = Files.readString(resource(SAMPLE));
        for (final String text : List.of("true", "True", "test: load shed drill"))
        {
            final Path file = write("test.xml", sample.replace("<ei:testEvent>false", "<ei:testEvent>" + text));
            assertThat(new OpenAdrReader().read(file).events().get(0).isTest()).as(text).isTrue();
        }
        final Path without = write("no-test.xml", sample.replace("<ei:testEvent>false</ei:testEvent>", ""));
        assertThat(new OpenAdrReader().read(without).events().get(0).isTest()).isFalse();
    }

    @Test
    void aModificationNumberIsAnUnsignedIntInTheDigits0To9() throws IOException
    {
        // xs:unsignedInt (XML Schema Part 2, 3.3.22): an optional "+", digits, at most 4294967295
        final String sample = Files.readString(resource(SAMPLE));
        final String number = "<ei:modificationNumber>1</ei:modificationNumber>";
        for (final String ok : List.of("+5", "4294967295", "007"))
        {
            final Path file = write("ok.xml", sample.replace(number, "<ei:modificationNumber>" + ok +
                "</ei:modificationNumber>"));
            assertThat(new OpenAdrReader().read(file).events().get(0).modificationNumber()).as(ok)
                .isEqualTo(Long.parseLong(ok));
        }
        // 5 in Arabic-Indic and in fullwidth digits, which Long.parseLong reads as 5
        final String arabicFive = String.valueOf((char)0x0665);
        final String fullwidthFive = String.valueOf((char)0xFF15);
        for (final String bad : List.of("4294967296", "-1", arabicFive, fullwidthFive, "5.0"))
        {
            final Path file = write("bad.xml", sample.replace(number, "<ei:modificationNumber>" + bad +
                "</ei:modificationNumber>"));
            assertThatThrownBy(() -> new OpenAdrReader().read(file)).as(bad).isInstanceOf(MeterDataException.class)
                .hasMessageContaining("bad.xml: line ")
                .hasMessageContaining("is not a whole number from 0 to 4294967295 (an xs:unsignedInt)");
        }
        final Path arabic = write("arabic.xml", sample.replace(number, "<ei:modificationNumber>" + arabicFive +
            "</ei:modificationNumber>"));
        assertThatThrownBy(() -> new OpenAdrReader().read(arabic)).hasMessageEndingWith(
            "(an xs:unsignedInt) (only the digits 0-9 are read)");
    }

    @Test
    void aMissingOrUnknownFieldIsOneLineNamingFileLineAndEvent() throws IOException
    {
        final String sample = Files.readString(resource(SAMPLE));
        final Path noStatus = write("no-status.xml", sample.replace("<ei:eventStatus>far</ei:eventStatus>", ""));
        final Path badStatus = write("bad-status.xml", sample.replace(">far<", ">soon<"));
        final Path noOffset = write("no-offset.xml", sample.replace("09:40:47.000Z", "09:40:47"));

        assertThatThrownBy(() -> new OpenAdrReader().read(noStatus)).isInstanceOf(MeterDataException.class)
            .hasMessage("no-status.xml: line 11: event \"Event_939393\": no <eiEvent/eventDescriptor/eventStatus>, " +
                "which OpenADR 2.0b requires");
        assertThatThrownBy(() -> new OpenAdrReader().read(badStatus)).isInstanceOf(MeterDataException.class)
            .hasMessage("bad-status.xml: line 11: event \"Event_939393\": eventStatus \"soon\" is not one of " +
                "[active, cancelled, completed, far, near, none]");
        assertThatThrownBy(() -> new OpenAdrReader().read(noOffset)).isInstanceOf(MeterDataException.class)
            .hasMessageContaining("date-time \"2001-12-17T09:40:47\" is not an ISO-8601 date-time with an offset");
    }

    @Test
    void aGreenButtonFileIsRefusedByItsRootElement()
    {
        assertThatThrownBy(() -> new OpenAdrReader().read(resource("greenbutton_ESPIReadingType.xml")))
            .isInstanceOf(MeterDataException.class)
            .hasMessageContaining("expected <oadrDistributeEvent> or an <oadrPayload> holding one");
    }

    @Test
    void anEmptyOrCutFileSaysWhatItShouldHoldInPlainEnglish() throws IOException
    {
        assertThat(catchThrowableOfType(MeterDataException.class, () -> new OpenAdrReader().read(write("empty.xml",
            "")))).hasMessage("empty.xml: line 1: empty file, expected an OpenADR 2.0b oadrDistributeEvent XML " +
            "document");
        assertThat(catchThrowableOfType(MeterDataException.class, () -> new OpenAdrReader().read(write("cut.xml",
            "<oadrDistributeEvent>")))).hasMessageEndingWith(", expected a complete OpenADR 2.0b " +
            "oadrDistributeEvent XML document");
    }

    @Test
    void refusesXxeWithoutReadingTheReferencedFile() throws IOException
    {
        final Path secret = write("secret.txt", "XXE-CANARY-0adr");
        final String sample = Files.readString(resource(SAMPLE));
        // the eventID becomes the external entity, declared in a DOCTYPE before the root
        final Path xxe = write("xxe.xml", sample
            .replace("<oadr:oadrDistributeEvent ", "<!DOCTYPE oadr:oadrDistributeEvent [ <!ENTITY xxe SYSTEM \"" +
                secret.toUri() + "\"> ]>\n<oadr:oadrDistributeEvent ")
            .replace("<ei:eventID>Event_939393</ei:eventID>", "<ei:eventID>&xxe;</ei:eventID>"));

        final MeterDataException ex = catchThrowableOfType(MeterDataException.class,
            () -> new OpenAdrReader().read(xxe));

        assertThat(ex.getMessage()).startsWith("xxe.xml: line 3, column ").contains("DOCTYPE declaration refused")
            .doesNotContain("\n");
        for (Throwable t = ex; t != null; t = t.getCause())
        {
            assertThat(String.valueOf(t.getMessage())).doesNotContain("XXE-CANARY");
        }
    }

    @Test
    void refusesBillionLaughsWithoutExpandingEntities() throws IOException
    {
        final StringBuilder doctype = new StringBuilder("<!DOCTYPE lolz [\n <!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++)
        {
            doctype.append(" <!ENTITY lol").append(i).append(" \"")
                .append((i == 1 ? "&lol;" : "&lol" + (i - 1) + ";").repeat(10)).append("\">\n");
        }
        doctype.append("]>\n");
        final String sample = Files.readString(resource(SAMPLE));
        final Path lolz = write("lolz.xml", sample
            .replace("<oadr:oadrDistributeEvent ", doctype + "<oadr:oadrDistributeEvent ")
            .replace("<ei:vtnComment>Sample Payload</ei:vtnComment>", "<ei:vtnComment>&lol9;</ei:vtnComment>"));

        // expanded, &lol9; is 10^9 "lol"s: seconds and gigabytes; refused, it is milliseconds
        final MeterDataException ex = assertTimeoutPreemptively(Duration.ofSeconds(10),
            () -> catchThrowableOfType(MeterDataException.class, () -> new OpenAdrReader().read(lolz)));

        // the DOCTYPE ends on line 13 ("]>"), after the XML declaration and the sample's comment
        assertThat(ex.getMessage()).startsWith("lolz.xml: line 14, column ").contains("DOCTYPE declaration refused");
    }

    @Test
    void refusesDeepNestingInOneLineInsteadOfOverflowingTheStack() throws IOException
    {
        // 200,000 nested elements in the event (2.6 MB): read recursively they overflowed the thread's stack, and
        // settle ingest ended in a StackOverflowError trace with exit code 1
        final int depth = 200_000;
        final String sample = Files.readString(resource(SAMPLE));
        final Path deep = write("deep.xml", sample.replace("<ei:vtnComment>Sample Payload</ei:vtnComment>",
            "<ei:vtnComment>" + "<x>".repeat(depth) + "</x>".repeat(depth) + "</ei:vtnComment>"));

        final MeterDataException ex = catchThrowableOfType(MeterDataException.class,
            () -> new OpenAdrReader().read(deep));

        assertThat(ex).isNotNull();
        assertThat(ex.getMessage()).startsWith("deep.xml: line ")
            .contains("elements nested more than " + XmlElement.MAX_DEPTH + " deep").doesNotContain("\n");
    }

    @Test
    void refusesAnElementWithHugeTextInOneLineBeforeHoldingItWhole() throws IOException
    {
        // a small gzip of gigabytes of whitespace ran for minutes and took 5 GB of heap: the parser coalesced the
        // run into one string before the reader saw any of it; now text arrives in chunks and is capped
        final String sample = Files.readString(resource(SAMPLE));
        final Path huge = write("huge.xml", sample.replace("<ei:vtnComment>Sample Payload</ei:vtnComment>",
            "<ei:vtnComment>" + " ".repeat(XmlDocuments.MAX_TEXT_CHARS + 1) + "</ei:vtnComment>"));

        final MeterDataException ex = catchThrowableOfType(MeterDataException.class,
            () -> new OpenAdrReader().read(huge));

        assertThat(ex).isNotNull();
        assertThat(ex.getMessage()).startsWith("huge.xml: line ")
            .contains("element text longer than " + XmlDocuments.MAX_TEXT_CHARS + " characters")
            .doesNotContain("\n");
    }

    private Path write(final String name, final String text) throws IOException
    {
        return Files.writeString(tmp.resolve(name), text);
    }

    static Path resource(final String name)
    {
        return RecordingSink.resource(name);
    }
}
