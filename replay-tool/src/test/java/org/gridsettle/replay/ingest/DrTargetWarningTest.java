package org.gridsettle.replay.ingest;

import org.gridsettle.pricing.dr.BaselineMethod;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The warning for an event whose eiTarget names what gridsettle does not select meters by, on the hand-made
 * {@code openadr_weekday_afternoon_2026-04-29.xml} (a group, a resource and an end device) with a venID added.
 */
class DrTargetWarningTest
{
    private static final DrProgram PROGRAM = new DrProgram("DR", 500_000, BaselineMethod.TEN_IN_TEN);
    private static final String PART_OF_THE_VEN =
        "groupID Group_123, resourceID RES_123, endDeviceAsset/mrid Exterior_Lighting";

    @TempDir
    Path tmp;

    @Test
    void theVenGivenIsNotNamedAndPartsOfItStillAre() throws IOException
    {
        final DrEventFiles.Mapped event = event("<ei:venID>ven_a</ei:venID>", "ven_a");

        assertThat(DrTargetWarning.of(event, "ven_a")).hasValue("vens.xml line 164: DR event \"Event_939393\" " +
            "targets " + PART_OF_THE_VEN + ", which gridsettle does not select meters by: it is settled for every " +
            "meter the enrolment file puts in demand response");
    }

    @Test
    void withoutAVenIdTheVenIdsAreNamedWithHowToSelectThem() throws IOException
    {
        final DrEventFiles.Mapped event = event("<ei:venID>ven_a</ei:venID>", null);

        assertThat(DrTargetWarning.of(event, null)).hasValue("vens.xml line 164: DR event \"Event_939393\" targets " +
            "groupID Group_123, venID ven_a, resourceID RES_123, endDeviceAsset/mrid Exterior_Lighting, which " +
            "gridsettle does not select meters by: it is settled for every meter the enrolment file puts in demand " +
            "response; give --ven-id with your VEN's venID to settle only the events addressed to it");
    }

    @Test
    void anEventAddressedToTheVenGivenAsAWholeNeedsNoWarning() throws IOException
    {
        final Path payload = Files.writeString(tmp.resolve("whole.xml"), Files.readString(weekday())
            .replaceAll("<ei:groupID>Group_123</ei:groupID>|<ei:resourceID>RES_123</ei:resourceID>", "")
            .replaceAll("(?s)<power:endDeviceAsset>.*?</power:endDeviceAsset>", "<ei:venID>ven_a</ei:venID>"));

        final DrEventFiles.Mapped event = DrEventFiles.read(List.of(payload), PROGRAM, ZoneId.of("America/Los_Angeles"),
            "ven_a").events().get(0);

        assertThat(DrTargetWarning.of(event, "ven_a")).isEmpty();
        // line 160: the first event's two end devices, three lines each, are one line each here
        assertThat(DrTargetWarning.of(event, null)).get().asString().startsWith("whole.xml line 160: DR event " +
            "\"Event_939393\" targets venID ven_a, which").endsWith("to settle only the events addressed to it");
    }

    /** @return the weekday payload's live event, with its own eiTarget naming also what {@code target} says. */
    private DrEventFiles.Mapped event(final String target, final String venId) throws IOException
    {
        final Path payload = Files.writeString(tmp.resolve("vens.xml"), Files.readString(weekday())
            .replace("<ei:groupID>Group_123</ei:groupID>", "<ei:groupID>Group_123</ei:groupID>" + target));
        return DrEventFiles.read(List.of(payload), PROGRAM, ZoneId.of("America/Los_Angeles"), venId).events().get(0);
    }

    private static Path weekday()
    {
        return RecordingSink.resource("openadr_weekday_afternoon_2026-04-29.xml");
    }
}
