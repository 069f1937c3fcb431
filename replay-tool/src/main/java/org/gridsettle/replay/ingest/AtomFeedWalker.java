package org.gridsettle.replay.ingest;

import java.nio.file.Path;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Walks the entries of an Atom document (a {@code feed} of {@code entry} elements, or a lone {@code entry}) with
 * StAX, handing each entry's links and content to a handler. Anything that stops the walk becomes a one-line
 * {@link MeterDataException} naming file, line and column ({@link XmlDocuments}).
 * <p>
 * Elements are matched by local name, ignoring namespaces, because Green Button exports disagree on prefixes and
 * default namespaces while agreeing on names.
 * <p>
 * Stateless; safe from any thread. The handler is called on the calling thread.
 */
final class AtomFeedWalker
{
    static final String DOCUMENT = "Green Button (ESPI Atom) XML document";

    /**
     * Receives one entry at a time.
     */
    interface EntryHandler
    {
        /**
         * @param entryIndex 1-based index of the entry in the feed.
         * @param rel        the link's {@code rel}, or empty.
         * @param href       the link's {@code href}, or empty.
         */
        void onLink(int entryIndex, String rel, String href);

        /**
         * Called with the reader on the {@code content} start tag; must return with it on the matching end tag.
         *
         * @param entryIndex  1-based index of the entry in the feed.
         * @param contentPath XPath-like location of the content element, for messages.
         * @param reader      the reader.
         * @throws XMLStreamException if the document is not well formed.
         */
        void onContent(int entryIndex, String contentPath, XMLStreamReader reader) throws XMLStreamException;

        /**
         * @param entryIndex 1-based index of the entry that just ended.
         */
        void onEntryEnd(int entryIndex);
    }

    private AtomFeedWalker()
    {
    }

    /**
     * @param file    the file, plain or gzipped.
     * @param source  name used in messages.
     * @param handler receives the entries.
     * @throws MeterDataException if the file cannot be parsed to its end.
     */
    static void walk(final Path file, final String source, final EntryHandler handler)
    {
        walk(file, source, handler, ReadProgress.NONE);
    }

    /**
     * @param file     the file, plain or gzipped.
     * @param source   name used in messages.
     * @param handler  receives the entries.
     * @param progress counts the bytes read.
     * @throws MeterDataException if the file cannot be parsed to its end.
     */
    static void walk(final Path file, final String source, final EntryHandler handler, final ReadProgress progress)
    {
        XmlDocuments.parse(file, source, DOCUMENT, (reader) -> walkDocument(source, reader, handler), progress);
    }

    /**
     * Skips the element the reader is on, with all its children.
     *
     * @param reader positioned on a start tag; left on the matching end tag.
     * @throws XMLStreamException if the document is not well formed.
     */
    static void skipElement(final XMLStreamReader reader) throws XMLStreamException
    {
        XmlDocuments.skipElement(reader);
    }

    /**
     * Reads a simple element's text.
     *
     * @param reader positioned on a start tag; left on the matching end tag.
     * @return the text, trimmed, or null when the element holds child elements rather than plain text.
     * @throws XMLStreamException if the document is not well formed.
     */
    static String elementText(final XMLStreamReader reader) throws XMLStreamException
    {
        final StringBuilder text = new StringBuilder();
        boolean plain = true;
        while (true)
        {
            final int event = reader.next();
            if (XMLStreamConstants.START_ELEMENT == event)
            {
                // Markup where a number belongs is a bad record, not a broken file, so skip it and say so.
                plain = false;
                skipElement(reader);
            }
            else if (XMLStreamConstants.END_ELEMENT == event)
            {
                return plain ? text.toString().trim() : null;
            }
            else if (XMLStreamConstants.CHARACTERS == event || XMLStreamConstants.CDATA == event ||
                XMLStreamConstants.SPACE == event)
            {
                XmlDocuments.appendText(text, reader);
            }
            else if (XMLStreamConstants.ENTITY_REFERENCE == event)
            {
                plain = false;
            }
        }
    }

    /**
     * @param reader a reader.
     * @return {@code line L} for the reader's position, for bad-record locations.
     */
    static String lineOf(final XMLStreamReader reader)
    {
        return "line " + reader.getLocation().getLineNumber();
    }

    private static void walkDocument(final String source, final XMLStreamReader reader, final EntryHandler handler)
        throws XMLStreamException
    {
        final String root = reader.getLocalName();
        if ("feed".equals(root))
        {
            int entryIndex = 0;
            while (reader.nextTag() == XMLStreamConstants.START_ELEMENT)
            {
                if ("entry".equals(reader.getLocalName()))
                {
                    entryIndex++;
                    walkEntry(reader, entryIndex, "feed/entry[" + entryIndex + "]", handler);
                }
                else
                {
                    skipElement(reader);
                }
            }
        }
        else if ("entry".equals(root))
        {
            walkEntry(reader, 1, "entry", handler);
        }
        else
        {
            throw new MeterDataException(source, XmlDocuments.position(reader.getLocation()), "root element <" + root +
                ">, expected an Atom <feed> or <entry> holding Green Button (ESPI) resources");
        }
    }

    private static void walkEntry(
        final XMLStreamReader reader, final int entryIndex, final String entryPath, final EntryHandler handler)
        throws XMLStreamException
    {
        // nextTag() also fails on stray text inside an entry, which Atom does not allow either.
        while (reader.nextTag() == XMLStreamConstants.START_ELEMENT)
        {
            final String name = reader.getLocalName();
            if ("link".equals(name))
            {
                handler.onLink(entryIndex, attribute(reader, "rel"), attribute(reader, "href"));
                skipElement(reader);
            }
            else if ("content".equals(name))
            {
                handler.onContent(entryIndex, entryPath + "/content", reader);
            }
            else
            {
                skipElement(reader);
            }
        }
        handler.onEntryEnd(entryIndex);
    }

    private static String attribute(final XMLStreamReader reader, final String name)
    {
        final String value = reader.getAttributeValue(null, name);
        return null == value ? "" : value.trim();
    }
}
