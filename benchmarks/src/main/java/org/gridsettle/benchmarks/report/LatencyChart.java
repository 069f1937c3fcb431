package org.gridsettle.benchmarks.report;

import org.HdrHistogram.HistogramIterationValue;
import org.gridsettle.benchmarks.harness.LatencyResult;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.axis.NumberTickUnit;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.text.FieldPosition;
import java.text.NumberFormat;
import java.text.ParsePosition;
import java.util.List;
import java.util.Locale;
import javax.imageio.ImageIO;

/**
 * Draws the latency percentile plot with JFreeChart: percentile on a log scale of {@code 1 / (1 - p)} (the layout of
 * HdrHistogram's own plotter, so 99%, 99.9% and 99.99% are evenly spaced) against latency in microseconds, also on a
 * log scale. One line per design and offered rate, a colour per rate: the engine solid, the conventional design
 * dashed, the raw Chronicle append (the journal I/O alone) dotted, the same with a pretoucher in thick sparse dots,
 * the same behind a hand-off dash-dotted.
 * <p>
 * Renders headless. Stateless; call from one thread at a time, as AWT rendering prefers.
 */
public final class LatencyChart
{
    private static final int WIDTH = 1100;
    private static final int HEIGHT = 650;
    private static final int TICKS_PER_HALF_DISTANCE = 5;
    private static final double HIGHEST_PERCENTILE = 99.9999;
    private static final Color[] COLOURS =
    {
        new Color(0x1f77b4), new Color(0xd62728), new Color(0x2ca02c), new Color(0x9467bd), new Color(0xff7f0e)
    };

    private LatencyChart()
    {
    }

    /**
     * @param file    PNG destination, replaced.
     * @param title   chart title.
     * @param results the latency results per rate: engine, conventional, raw append and hand-off + raw append.
     */
    public static void writePng(final Path file, final String title, final List<LatencyResult> results)
    {
        if (System.getProperty("java.awt.headless") == null)
        {
            // the benchmark host may have no display; an unset property would let AWT look for one
            System.setProperty("java.awt.headless", "true");
        }
        final XYSeriesCollection data = new XYSeriesCollection();
        for (final LatencyResult result : results)
        {
            data.addSeries(series(result));
        }
        final JFreeChart chart = ChartFactory.createXYLineChart(
            title, "percentile", "latency from intended send to output written (µs)", data,
            PlotOrientation.VERTICAL, true, false, false);
        final XYPlot plot = chart.getXYPlot();
        final LogAxis percentileAxis = new LogAxis("percentile");
        percentileAxis.setNumberFormatOverride(new PercentileFormat());
        percentileAxis.setBase(10);
        percentileAxis.setSmallestValue(1.0);
        // one tick per decade: 0%, 90%, 99%, 99.9% ...
        percentileAxis.setTickUnit(new NumberTickUnit(1.0), false, true);
        percentileAxis.setMinorTickMarksVisible(false);
        plot.setDomainAxis(percentileAxis);
        final LogAxis latencyAxis = new LogAxis("latency from intended send to output written (µs)");
        latencyAxis.setSmallestValue(0.1);
        latencyAxis.setTickUnit(new NumberTickUnit(1.0), false, true);
        latencyAxis.setNumberFormatOverride(
            new DecimalFormat("#,##0.#", DecimalFormatSymbols.getInstance(Locale.ROOT)));
        plot.setRangeAxis(latencyAxis);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        final XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, false);
        final List<Long> rates = results.stream().map(LatencyResult::offeredRate).distinct().toList();
        for (int i = 0; i < results.size(); i++)
        {
            final LatencyResult result = results.get(i);
            renderer.setSeriesPaint(i, COLOURS[rates.indexOf(result.offeredRate()) % COLOURS.length]);
            renderer.setSeriesStroke(i, stroke(result.design()));
        }
        plot.setRenderer(renderer);
        // ImageIO's default disk cache is a temporary file whose close, on a full disk, fails again in a JVM
        // shutdown hook with a stack trace of its own; the PNG is small enough to encode in memory
        ImageIO.setUseCache(false);
        try
        {
            ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
        }
        catch (final IOException e)
        {
            throw new UncheckedIOException(e);
        }
    }

    private static BasicStroke stroke(final String design)
    {
        return switch (design)
        {
            case "engine" -> new BasicStroke(2.0f);
            case "raw-append" -> dashed(1.5f, 2, 3);
            case "raw-append-pretouched" -> dashed(3.0f, 1, 5);
            case "handoff-append" -> dashed(1.5f, 8, 3, 2, 3);
            default -> dashed(2.0f, 6, 4);
        };
    }

    private static BasicStroke dashed(final float width, final float... pattern)
    {
        return new BasicStroke(width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_MITER, 10.0f, pattern, 0);
    }

    private static XYSeries series(final LatencyResult result)
    {
        final XYSeries series = new XYSeries(
            result.design() + " @ " + Fmt.rate(result.offeredRate()) + " ticks/s", false, true);
        for (final HistogramIterationValue v : result.histogram().percentiles(TICKS_PER_HALF_DISTANCE))
        {
            final double percentile = v.getPercentileLevelIteratedTo();
            if (percentile > HIGHEST_PERCENTILE)
            {
                break;
            }
            final double micros = Math.max(0.1, v.getValueIteratedTo() / 1000.0);
            series.add(1.0 / (1.0 - percentile / 100.0), micros);
        }
        return series;
    }

    /**
     * Labels the {@code 1 / (1 - p)} axis as percentiles: 10 is 90%, 1000 is 99.9%.
     */
    private static final class PercentileFormat extends NumberFormat
    {
        private static final long serialVersionUID = 1L;

        @Override
        public StringBuffer format(final double number, final StringBuffer toAppendTo, final FieldPosition pos)
        {
            final double percentile = 100.0 * (1.0 - 1.0 / number);
            final int decimals = Math.max(0, (int)Math.round(Math.log10(number)) - 2);
            return toAppendTo.append(String.format(Locale.ROOT, "%." + decimals + "f%%", percentile));
        }

        @Override
        public StringBuffer format(final long number, final StringBuffer toAppendTo, final FieldPosition pos)
        {
            return format((double)number, toAppendTo, pos);
        }

        @Override
        public Number parse(final String source, final ParsePosition parsePosition)
        {
            throw new UnsupportedOperationException("labels only");
        }
    }
}
