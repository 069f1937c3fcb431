package org.gridsettle.pricing.importer.urdb;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A URDB rate's free-text comment fields are kept, one line each, for a person to check: nothing prices them, and a
 * rider or tax named only there would otherwise leave a bill short without a word. Synthetic rates from
 * {@link UrdbJsonFixture}.
 */
class UrdbCommentsTest
{
    private static final String CHECK = "; check that it names no charge the rate's structures lack";

    private static List<String> comments(final UrdbJsonFixture fixture)
    {
        return new UrdbImporter().read("synthetic.json", fixture.json()).get(0).comments();
    }

    @Test
    void eachCommentFieldIsOneLineWhateverLineBreaksItHolds()
    {
        // a real line break, a literal backslash sequence as FPL RS-1's energycomments holds ("Capacity\r\nRate"),
        // and a blank comment, which says nothing and is left out
        final List<String> comments = comments(UrdbJsonFixture.touEnergyOnly()
            .with("energycomments", "\"Fuel charge varies monthly.\\r\\nFranchise fee 2.5% added.\"")
            .with("demandcomments", "\"Capacity\\\\r\\\\nRate\"")
            .with("basicinformationcomments", "\"  \""));

        assertThat(comments).containsExactly(
            "energycomments is free text, not priced: \"Fuel charge varies monthly. / Franchise fee 2.5% added.\"" +
                CHECK,
            "demandcomments is free text, not priced: \"Capacity / Rate\"" + CHECK);
    }

    @Test
    void aLongCommentIsCutToWhatShowsWhatItIsAbout()
    {
        final String word = "surcharge ";
        final List<String> comments = comments(UrdbJsonFixture.touEnergyOnly()
            .with("basicinformationcomments", "\"" + word.repeat(100) + "\""));

        // 240 characters of the text, then "..."
        assertThat(comments).containsExactly("basicinformationcomments is free text, not priced: \"" +
            word.repeat(24) + "...\"" + CHECK);
    }

    @Test
    void aRateWithoutCommentsHasNone()
    {
        assertThat(comments(UrdbJsonFixture.touEnergyOnly())).isEmpty();
    }
}
