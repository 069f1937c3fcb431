package org.gridsettle.replay.ingest;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The factory on its own, without the readers' DOCTYPE check in front of it: even a caller that reads past the
 * DOCTYPE event must not get a file's content through an external entity.
 */
class HardenedXmlInputFactoryTest
{
    @TempDir
    Path tempDir;

    @Test
    void doesNotResolveAnExternalEntityEvenWhenTheDoctypeIsReadPast() throws Exception
    {
        final Path secret = Files.writeString(tempDir.resolve("secret.txt"), "XXE-CANARY-19c2");
        final String xml = "<?xml version=\"1.0\"?><!DOCTYPE a [<!ENTITY x SYSTEM \"" + secret.toUri() +
            "\">]><a>&x;</a>";
        final XMLStreamReader reader = HardenedXmlInputFactory.create().createXMLStreamReader(new StringReader(xml));
        final StringBuilder text = new StringBuilder();

        assertThatThrownBy(() ->
        {
            while (reader.hasNext())
            {
                if (reader.next() == XMLStreamConstants.CHARACTERS)
                {
                    text.append(reader.getText());
                }
            }
        }).isInstanceOf(XMLStreamException.class).hasMessageContaining("\"x\"");
        assertThat(text.toString()).doesNotContain("XXE-CANARY");
    }
}
