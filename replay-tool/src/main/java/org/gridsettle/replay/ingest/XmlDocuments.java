package org.gridsettle.replay.ingest;

import java.io.IOException;
import java.nio.file.Path;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Parses an untrusted XML input file (plain or gzipped) with the {@link HardenedXmlInputFactory}: refuses a DOCTYPE
 * before the parser could act on it, hands the root element to a handler, reads on to the end so that anything
 * malformed after the root is found, and turns every failure into a one-line {@link MeterDataException} naming file,
 * line and column. The Green Button and OpenADR readers share it, so that both refuse hostile XML the same way.
 * <p>
 * Stateless; safe from any thread. The handler is called on the calling thread.
 */
final class XmlDocuments
{
    /**
     * Reads the document under its root element.
     */
    interface RootHandler
    {
        /**
         * @param reader positioned on the root start tag; must return with it on the matching end tag.
         * @throws XMLStreamException if the document is not well formed.
         */
        void onRoot(XMLStreamReader reader) throws XMLStreamException;
    }

    private XmlDocuments()
    {
    }

    /**
     * @param file     the file, plain or gzipped.
     * @param source   name used in messages.
     * @param document what the file should hold, e.g. {@code "Green Button (ESPI Atom) XML document"}.
     * @param handler  reads the root element.
     * @throws MeterDataException if the file cannot be read or parsed to its end, or holds a DOCTYPE.
     */
    static void parse(final Path file, final String source, final String document, final RootHandler handler)
    {
        parse(file, source, document, handler, ReadProgress.NONE);
    }

    /**
     * As {@link #parse(Path, String, String, RootHandler)}, counting the file's bytes as they are read.
     *
     * @param file     the file, plain or gzipped.
     * @param source   name used in messages.
     * @param document what the file should hold.
     * @param handler  reads the root element.
     * @param progress counts the bytes read.
     * @throws MeterDataException if the file cannot be read or parsed to its end, or holds a DOCTYPE.
     */
    static void parse(
        final Path file, final String source, final String document, final RootHandler handler,
        final ReadProgress progress)
    {
        // "an OpenADR ..." as well as "a Green Button ..."
        final String expected = ("AEIOU".indexOf(document.charAt(0)) >= 0 ? "an " : "a ") + document;
        final XMLInputFactory factory = HardenedXmlInputFactory.create();
        try (TrackedInputStream in = MeterFileInput.open(file, source, expected, progress))
        {
            try
            {
                final XMLStreamReader reader = factory.createXMLStreamReader(Utf8CheckingInputStream.wrap(in));
                try
                {
                    moveToRoot(source, reader, expected);
                    handler.onRoot(reader);
                    // Reading on to the end finds anything malformed after the root element, such as a second root.
                    while (reader.hasNext())
                    {
                        reader.next();
                    }
                }
                finally
                {
                    reader.close();
                }
                refuseASwallowedReadFailure(source, in, document);
            }
            catch (final XMLStreamException ex)
            {
                throw parseFailure(source, ex, in.failure(), document);
            }
        }
        catch (final IOException ex)
        {
            throw new MeterDataException(source, "while reading", "cannot read " + expected + ": " +
                IoErrorText.of(ex), ex);
        }
    }

    /**
     * The parser takes a read failure after the root element for the end of the document, and closes the stream: a
     * gzip stream whose 8-byte trailer (the CRC-32 and length that prove the data whole) was cut off passed for a
     * complete file. The stream remembers the failure, so it is reported here.
     */
    private static void refuseASwallowedReadFailure(
        final String source, final TrackedInputStream in, final String document)
    {
        if (null != in.failure())
        {
            throw new MeterDataException(source, "end of file", "cannot read the data (" +
                IoErrorText.of(in.failure()) + "), expected a complete " + document, in.failure());
        }
    }

    /** Most characters of text one element may hold; every value these documents carry is a few dozen. */
    static final int MAX_TEXT_CHARS = 64 * 1024;

    /**
     * Appends the text event the reader is on to an element's text, refusing an element whose text grows past
     * {@value #MAX_TEXT_CHARS} characters. The factory does not coalesce text, so a run of text, however long,
     * arrives in chunks and is refused before it is held whole: a small compressed file of gigabytes of whitespace
     * must not take the heap.
     *
     * @param text   the element's text so far.
     * @param reader positioned on a CHARACTERS, CDATA or SPACE event.
     * @throws XMLStreamException when the text is too long, with the reader's location.
     */
    static void appendText(final StringBuilder text, final XMLStreamReader reader) throws XMLStreamException
    {
        if (text.length() + reader.getTextLength() > MAX_TEXT_CHARS)
        {
            throw new XMLStreamException("element text longer than " + MAX_TEXT_CHARS + " characters",
                reader.getLocation());
        }
        text.append(reader.getTextCharacters(), reader.getTextStart(), reader.getTextLength());
    }

    /**
     * Skips the element the reader is on, with all its children.
     *
     * @param reader positioned on a start tag; left on the matching end tag.
     * @throws XMLStreamException if the document is not well formed.
     */
    static void skipElement(final XMLStreamReader reader) throws XMLStreamException
    {
        int depth = 1;
        while (depth > 0)
        {
            final int event = reader.next();
            if (XMLStreamConstants.START_ELEMENT == event)
            {
                depth++;
            }
            else if (XMLStreamConstants.END_ELEMENT == event)
            {
                depth--;
            }
        }
    }

    /**
     * @param location a parser location.
     * @return {@code line L, column C}.
     */
    static String position(final Location location)
    {
        return "line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }

    private static void moveToRoot(final String source, final XMLStreamReader reader, final String expected)
        throws XMLStreamException
    {
        while (reader.hasNext())
        {
            final int event = reader.next();
            if (XMLStreamConstants.START_ELEMENT == event)
            {
                return;
            }
            if (XMLStreamConstants.DTD == event)
            {
                throw new MeterDataException(
                    source, position(reader.getLocation()), "DOCTYPE declaration refused (DTDs and entities are " +
                    "disabled against XXE and entity expansion), expected " + expected + " without a DOCTYPE");
            }
        }
        throw new MeterDataException(source, position(reader.getLocation()), "no root element, expected " + expected);
    }

    private static MeterDataException parseFailure(
        final String source, final XMLStreamException ex, final IOException readFailure, final String document)
    {
        final Location location = ex.getLocation();
        final String where = null == location ? "while parsing" : position(location);
        if (ex.getNestedException() instanceof Utf8CheckingInputStream.NotUtf8Exception notUtf8)
        {
            // its own position: the parser's lags behind the bytes it has read ahead
            return new MeterDataException(source, notUtf8.position(), notUtf8.problem() + ", and the document " +
                "declares no other encoding, expected a complete " + document, ex);
        }
        if (null != readFailure)
        {
            return new MeterDataException(source, where, "cannot read the data (" + IoErrorText.of(readFailure) +
                "), expected a complete " + document, ex);
        }
        return new MeterDataException(
            source, where, "not well-formed XML (" + parserMessage(ex) + "), expected a complete " + document, ex);
    }

    private static String parserMessage(final XMLStreamException ex)
    {
        final Throwable nested = ex.getNestedException();
        if (nested instanceof IOException)
        {
            return nested.toString();
        }
        final String message = String.valueOf(ex.getMessage());
        // The JDK prefixes "ParseError at [row,col]:[l,c]" and a line break; the location is reported separately.
        final int start = message.indexOf("Message: ");
        return start >= 0 ? message.substring(start + "Message: ".length()).trim() : message.trim();
    }
}
