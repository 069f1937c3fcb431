package org.gridsettle.replay.ingest;

import org.gridsettle.journal.codec.PricingNodeField;
import org.gridsettle.pricing.importer.ImportException;
import org.gridsettle.pricing.oracle.OraclePriceCsvImporter;
import org.gridsettle.pricing.oracle.OraclePriceSeries;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;

/**
 * Reads the oracle price CSVs of an ingest ({@code node,interval_start,interval_seconds,price_per_mwh} or
 * {@code ...,price_per_kwh}, see {@link OraclePriceCsvImporter}) into series to publish, skipping bad rows: each is
 * reported with its file and line and counted with the usage files' bad rows, and the run goes on. A node whose name
 * the journal cannot hold (more than 32 characters, or a character outside printable ASCII) has all its rows skipped
 * and reported once. A file that cannot be read, has a bad header or no good row stops the ingest before anything is
 * journalled; a gzipped one is gunzipped to its end first ({@code GzipAwareInput.open}), so a damaged one stops it
without a bad row.
 * <p>
 * Stateless; one call reads one file on the calling thread.
 */
final class OraclePriceFiles
{
    private OraclePriceFiles()
    {
    }

    /**
     * @param file    a price CSV.
     * @param badRows where skipped rows are reported.
     * @return the file's series in node order.
     * @throws ImportException    if the file as a whole is unusable (one line: file, line, problem).
     * @throws MeterDataException if the file cannot be read.
     */
    static List<OraclePriceSeries> read(final Path file, final BadRowTally badRows)
    {
        final NavigableMap<String, OraclePriceSeries> byNode;
        try
        {
            byNode = new OraclePriceCsvImporter().importFileSkippingBadRows(file,
                (ex) -> badRows.record(ex.source(), ex.location(), ex.expected()));
        }
        catch (final IOException ex)
        {
            throw new MeterDataException(String.valueOf(file.getFileName()), "reading", "cannot read the oracle " +
                "price file: " + ex.getMessage(), ex);
        }
        final List<OraclePriceSeries> series = new ArrayList<>(byNode.size());
        for (final Map.Entry<String, OraclePriceSeries> entry : byNode.entrySet())
        {
            final String problem = PricingNodeField.problem(entry.getKey());
            if (problem != null)
            {
                badRows.record(String.valueOf(file.getFileName()), "node " + DisplayText.quote(entry.getKey()),
                    problem + "; its " + entry.getValue().size() + " rows are skipped");
                continue;
            }
            series.add(entry.getValue());
        }
        if (series.isEmpty())
        {
            // every row was good but of a node the journal cannot hold: a file without a row to publish, as one of
            // bad rows only is, and not a run that goes on to reject every reading ORACLE_PRICE_MISSING
            throw new ImportException(String.valueOf(file.getFileName()), "end of input", "expected at least one " +
                "row of a pricing node the journal can hold, found only rows of " + byNode.size() + (byNode.size() ==
                1 ? " node" : " nodes") + " it cannot (reported above): nothing to publish");
        }
        return series;
    }
}
