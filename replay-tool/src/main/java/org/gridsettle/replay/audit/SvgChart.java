package org.gridsettle.replay.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.LongFunction;

/**
 * A small inline-SVG chart writer: bars and polylines over one x axis of labelled points, with a left and an
 * optional right value axis. Enough for the audit report's charts, so the report needs no charting library and no
 * external resource.
 * <p>
 * Values stay integers (Wh, micro-units); only pixel coordinates are computed in floating point, and they are never
 * posted or journalled. Every label is escaped. Not thread-safe; build, render once.
 */
public final class SvgChart
{
    private static final int WIDTH = 760;
    private static final int HEIGHT = 280;
    private static final int LEFT = 90;
    private static final int RIGHT = 90;
    private static final int TOP = 40;
    private static final int BOTTOM = 40;
    private static final int MAX_X_LABELS = 12;

    private final String title;
    private final List<String> xLabels;
    private final LongFunction<String> leftFormat;
    private final LongFunction<String> rightFormat;
    private final List<Series> series = new ArrayList<>();

    private record Series(String name, long[] values, boolean bars, boolean rightAxis, String color)
    {
    }

    /**
     * @param title       heading inside the chart.
     * @param xLabels     one label per point.
     * @param leftFormat  renders a left-axis value, for example Wh as kWh.
     * @param rightFormat renders a right-axis value, or null when no series uses the right axis.
     */
    public SvgChart(
        final String title,
        final List<String> xLabels,
        final LongFunction<String> leftFormat,
        final LongFunction<String> rightFormat)
    {
        this.title = title;
        this.xLabels = List.copyOf(xLabels);
        this.leftFormat = leftFormat;
        this.rightFormat = rightFormat;
    }

    /**
     * @param name   legend text.
     * @param values one per x label, on the left axis.
     * @param color  CSS colour.
     * @return this.
     */
    public SvgChart bars(final String name, final long[] values, final String color)
    {
        series.add(new Series(name, values.clone(), true, false, color));
        return this;
    }

    /**
     * @param name      legend text.
     * @param values    one per x label.
     * @param color     CSS colour.
     * @param rightAxis true to scale it on the right axis.
     * @return this.
     */
    public SvgChart line(final String name, final long[] values, final String color, final boolean rightAxis)
    {
        series.add(new Series(name, values.clone(), false, rightAxis, color));
        return this;
    }

    /**
     * @return the {@code <svg>} element.
     */
    public String render()
    {
        final StringBuilder sb = new StringBuilder(4096);
        sb.append("<svg class=\"chart\" width=\"").append(WIDTH).append("\" height=\"").append(HEIGHT)
            .append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT).append("\" role=\"img\">");
        sb.append("<title>").append(HtmlText.escape(title)).append("</title>");
        sb.append("<text x=\"").append(LEFT).append("\" y=\"16\" class=\"ct\">").append(HtmlText.escape(title))
            .append("</text>");
        final long[] left = range(false);
        final long[] right = range(true);
        axes(sb, left, right);
        final int barSeries = (int)series.stream().filter(Series::bars).count();
        int barIndex = 0;
        int legendX = LEFT;
        for (final Series s : series)
        {
            final long[] r = s.rightAxis() ? right : left;
            if (s.bars())
            {
                drawBars(sb, s, r, barIndex++, barSeries);
            }
            else
            {
                drawLine(sb, s, r);
            }
            sb.append("<rect x=\"").append(legendX).append("\" y=\"24\" width=\"10\" height=\"10\" fill=\"")
                .append(HtmlText.escape(s.color())).append("\"/><text x=\"").append(legendX + 14)
                .append("\" y=\"33\" class=\"cl\">").append(HtmlText.escape(s.name()))
                .append(s.rightAxis() ? " (right axis)" : "").append("</text>");
            legendX += 28 + 7 * (s.name().length() + (s.rightAxis() ? 13 : 0));
        }
        return sb.append("</svg>").toString();
    }

    private long[] range(final boolean rightAxis)
    {
        long min = 0;
        long max = 0;
        for (final Series s : series)
        {
            if (s.rightAxis() == rightAxis)
            {
                for (final long v : s.values())
                {
                    min = Math.min(min, v);
                    max = Math.max(max, v);
                }
            }
        }
        return new long[] {min, max == min ? min + 1 : max};
    }

    private void axes(final StringBuilder sb, final long[] left, final long[] right)
    {
        final int bottom = HEIGHT - BOTTOM;
        sb.append("<path class=\"axis\" d=\"M").append(LEFT).append(' ').append(TOP).append(" V").append(bottom)
            .append(" H").append(WIDTH - RIGHT).append("\" fill=\"none\" stroke=\"#444\"/>");
        sb.append("<path class=\"zero\" d=\"M").append(LEFT).append(' ').append(fmt(y(0, left))).append(" H")
            .append(WIDTH - RIGHT).append("\" fill=\"none\" stroke=\"#bbb\" stroke-dasharray=\"4 3\"/>");
        label(sb, LEFT - 6, y(left[1], left), "end", leftFormat.apply(left[1]));
        label(sb, LEFT - 6, y(left[0], left), "end", leftFormat.apply(left[0]));
        if (rightFormat != null)
        {
            sb.append("<path class=\"axis\" d=\"M").append(WIDTH - RIGHT).append(' ').append(TOP).append(" V")
                .append(bottom).append("\" fill=\"none\" stroke=\"#444\"/>");
            label(sb, WIDTH - RIGHT + 6, y(right[1], right), "start", rightFormat.apply(right[1]));
            label(sb, WIDTH - RIGHT + 6, y(right[0], right), "start", rightFormat.apply(right[0]));
        }
        final int n = xLabels.size();
        final int step = Math.max(1, (n + MAX_X_LABELS - 1) / MAX_X_LABELS);
        for (int i = 0; i < n; i += step)
        {
            sb.append("<text x=\"").append(fmt(xCenter(i))).append("\" y=\"").append(bottom + 16)
                .append("\" text-anchor=\"middle\" class=\"cl\">").append(HtmlText.escape(xLabels.get(i)))
                .append("</text>");
        }
    }

    private static void label(final StringBuilder sb, final int x, final double y, final String anchor,
        final String text)
    {
        sb.append("<text x=\"").append(x).append("\" y=\"").append(fmt(y + 4)).append("\" text-anchor=\"")
            .append(anchor).append("\" class=\"cl\">").append(HtmlText.escape(text)).append("</text>");
    }

    private void drawBars(final StringBuilder sb, final Series s, final long[] r, final int index, final int count)
    {
        final double group = plotWidth() / Math.max(1, xLabels.size());
        final double barWidth = group * 0.8 / count;
        final double zero = y(0, r);
        for (int i = 0; i < s.values().length; i++)
        {
            final double top = y(s.values()[i], r);
            final double x = LEFT + group * i + group * 0.1 + barWidth * index;
            sb.append("<rect x=\"").append(fmt(x)).append("\" y=\"").append(fmt(Math.min(top, zero)))
                .append("\" width=\"").append(fmt(barWidth)).append("\" height=\"")
                .append(fmt(Math.abs(zero - top))).append("\" fill=\"").append(HtmlText.escape(s.color()))
                .append("\"><title>").append(HtmlText.escape(xLabels.get(i) + ": " + s.name())).append("</title>")
                .append("</rect>");
        }
    }

    private void drawLine(final StringBuilder sb, final Series s, final long[] r)
    {
        sb.append("<polyline fill=\"none\" stroke-width=\"2\" stroke=\"").append(HtmlText.escape(s.color()))
            .append("\" points=\"");
        for (int i = 0; i < s.values().length; i++)
        {
            sb.append(i == 0 ? "" : " ").append(fmt(xCenter(i))).append(',').append(fmt(y(s.values()[i], r)));
        }
        sb.append("\"><title>").append(HtmlText.escape(s.name())).append("</title></polyline>");
    }

    private double plotWidth()
    {
        return WIDTH - LEFT - RIGHT;
    }

    private double xCenter(final int i)
    {
        final double group = plotWidth() / Math.max(1, xLabels.size());
        return LEFT + group * i + group / 2;
    }

    private static double y(final long value, final long[] r)
    {
        final double h = HEIGHT - TOP - BOTTOM;
        return TOP + h * (double)(r[1] - value) / (double)(r[1] - r[0]);
    }

    private static String fmt(final double v)
    {
        return String.format(Locale.ROOT, "%.1f", v);
    }
}
