package org.gridsettle.replay.ingest;

import java.util.ArrayList;
import java.util.List;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * A small element tree read from StAX, for payloads small enough to hold whole (an OpenADR event is a few hundred
 * elements) whose fields sit at fixed paths. Elements are named by local name: OpenADR's namespaces are fixed by
 * its schema, and matching prefixes would only break on a VTN that binds them differently.
 * <p>
 * Immutable once read; safe to share between threads.
 */
final class XmlElement
{
    /** Elements one event may hold: far above any real payload, low enough that a hostile file cannot fill memory. */
    static final int MAX_ELEMENTS = 100_000;
    /**
     * Levels of nesting under the element read: an OpenADR event is about ten deep. Elements are read recursively, so
     * a deeper hostile file would overflow the thread's stack long before it met {@link #MAX_ELEMENTS}.
     */
    static final int MAX_DEPTH = 256;

    private final String name;
    private final int line;
    private final String text;
    private final List<XmlElement> children;

    private XmlElement(final String name, final int line, final String text, final List<XmlElement> children)
    {
        this.name = name;
        this.line = line;
        this.text = text;
        this.children = List.copyOf(children);
    }

    /**
     * Reads the element the reader is on, with everything under it.
     *
     * @param reader positioned on a start tag; left on the matching end tag.
     * @param budget elements still allowed, decremented as elements are read; {@code budget[0]}.
     * @return the element.
     * @throws XMLStreamException if the document is not well formed, or the element is too large or too deep.
     */
    static XmlElement read(final XMLStreamReader reader, final int[] budget) throws XMLStreamException
    {
        return read(reader, budget, 0);
    }

    private static XmlElement read(final XMLStreamReader reader, final int[] budget, final int depth)
        throws XMLStreamException
    {
        if (depth > MAX_DEPTH)
        {
            throw new XMLStreamException("elements nested more than " + MAX_DEPTH + " deep", reader.getLocation());
        }
        if (--budget[0] < 0)
        {
            throw new XMLStreamException("more than " + MAX_ELEMENTS + " elements in one event", reader.getLocation());
        }
        final String name = reader.getLocalName();
        final int line = reader.getLocation().getLineNumber();
        final StringBuilder text = new StringBuilder();
        final List<XmlElement> children = new ArrayList<>();
        while (true)
        {
            final int event = reader.next();
            if (XMLStreamConstants.START_ELEMENT == event)
            {
                children.add(read(reader, budget, depth + 1));
            }
            else if (XMLStreamConstants.END_ELEMENT == event)
            {
                return new XmlElement(name, line, text.toString().trim(), children);
            }
            else if (XMLStreamConstants.CHARACTERS == event || XMLStreamConstants.CDATA == event ||
                XMLStreamConstants.SPACE == event)
            {
                XmlDocuments.appendText(text, reader);
            }
        }
    }

    /**
     * @return the local name.
     */
    String name()
    {
        return name;
    }

    /**
     * @return the line its start tag is on.
     */
    int line()
    {
        return line;
    }

    /**
     * @return its own text, trimmed; empty when it has none.
     */
    String text()
    {
        return text;
    }

    /**
     * @return its child elements in document order.
     */
    List<XmlElement> children()
    {
        return children;
    }

    /**
     * @param path local names, one per level.
     * @return the first element at that path under this one, or null.
     */
    XmlElement find(final String... path)
    {
        XmlElement at = this;
        for (final String step : path)
        {
            XmlElement next = null;
            for (final XmlElement child : at.children)
            {
                if (child.name.equals(step))
                {
                    next = child;
                    break;
                }
            }
            if (next == null)
            {
                return null;
            }
            at = next;
        }
        return at;
    }

    /**
     * @param path local names, one per level.
     * @return along the path of first matches that {@link #find} follows, the first element that has an earlier
     *         sibling of its name (a step the document repeats), or null when every step is unique.
     */
    XmlElement repeated(final String... path)
    {
        XmlElement at = this;
        for (final String step : path)
        {
            final List<XmlElement> named = at.all(step);
            if (named.size() != 1)
            {
                return named.isEmpty() ? null : named.get(1);
            }
            at = named.get(0);
        }
        return null;
    }

    /**
     * @param path local names, one per level.
     * @return the text of the first element at that path, or null when there is none.
     */
    String textAt(final String... path)
    {
        final XmlElement found = find(path);
        return found == null ? null : found.text;
    }

    /**
     * @param childName local name.
     * @return every child of that name, in document order.
     */
    List<XmlElement> all(final String childName)
    {
        final List<XmlElement> found = new ArrayList<>();
        for (final XmlElement child : children)
        {
            if (child.name.equals(childName))
            {
                found.add(child);
            }
        }
        return found;
    }
}
