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
    void aCutThatWouldSplitASurrogatePairKeepsTheWholeCharacter()
    {
        // U+1F50C ELECTRIC PLUG is two chars in Java (a surrogate pair): after 239 letters it takes chars 240 and 241,
        // so a cut at 240 chars kept its high surrogate alone; 240 code points end with the whole plug
        final String plug = new String(Character.toChars(0x1F50C));
        final List<String> comments = comments(UrdbJsonFixture.touEnergyOnly()
            .with("energycomments", "\"" + "a".repeat(239) + plug + "b".repeat(20) + "\""));

        assertThat(comments).containsExactly("energycomments is free text, not priced: \"" +
            "a".repeat(239) + plug + "...\"" + CHECK);
        // a lone surrogate is a code point of its own in the range the pairs use
        assertThat(comments.get(0).codePoints()
            .filter((c) -> c >= Character.MIN_SURROGATE && c <= Character.MAX_SURROGATE).count()).isZero();
    }

    @Test
    void aCommentOfFewerCodePointsThanTheCutIsWholeThoughItHasMoreChars()
    {
        // 200 plugs are 400 chars but 200 characters as a person counts them, under the 240 a note quotes
        final String plugs = new String(Character.toChars(0x1F50C)).repeat(200);
        final List<String> comments = comments(UrdbJsonFixture.touEnergyOnly()
            .with("demandcomments", "\"" + plugs + "\""));

        assertThat(comments).containsExactly("demandcomments is free text, not priced: \"" + plugs + "\"" + CHECK);
    }

    @Test
    void aRateWithoutCommentsHasNone()
    {
        assertThat(comments(UrdbJsonFixture.touEnergyOnly())).isEmpty();
    }
}
