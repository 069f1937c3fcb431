package org.gridsettle.replay.ingest;

import javax.xml.XMLConstants;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamException;

/**
 * Builds the StAX factory for untrusted meter files: no DTDs, no external entities, no resolver that could open a
 * file or a network connection. XXE and entity-expansion ("billion laughs") payloads then fail as parse errors
 * instead of reading files or exhausting memory.
 * <p>
 * Stateless; safe from any thread. Each call returns a new factory, which the caller must not share across threads
 * while changing its properties.
 */
final class HardenedXmlInputFactory
{
    private HardenedXmlInputFactory()
    {
    }

    /**
     * @return a factory with DTD support, external entities and external access all switched off.
     */
    static XMLInputFactory create()
    {
        // The JDK's own implementation, not whatever StAX provider a host put on the classpath: its behaviour on
        // hostile input is what the tests pin down.
        final XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, Boolean.FALSE);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, Boolean.FALSE);
        // text arrives in chunks, so that XmlDocuments.appendText can refuse a huge run of it before it is held whole
        factory.setProperty(XMLInputFactory.IS_COALESCING, Boolean.FALSE);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
        // Belt and braces: should any setting above be ignored, resolution still fails rather than fetching.
        factory.setXMLResolver((publicId, systemId, baseUri, namespace) ->
        {
            throw new XMLStreamException("external resource refused: " + systemId);
        });
        return factory;
    }
}
