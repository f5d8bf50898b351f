// Every System.Diagnostics.Metrics instrument on an "Autonet.*" meter (Autonet.Chain's RPC counters, the node's own),
// gathered by one MeterListener and written in Prometheus' text exposition format 0.0.4
// (prometheus.io/docs/instrumenting/exposition_formats): "# HELP", "# TYPE", then name{label="value"} number, a
// counter's name ending in _total. Counters and up-down counters are summed per label set; observable gauges are read
// at scrape time. Histograms are not exported (the node records none).
using System.Collections.Concurrent;
using System.Diagnostics.Metrics;
using System.Globalization;
using System.Text;

namespace Autonet.Node.Metrics;

/// <summary>Listens to Autonet's meters and renders them for a Prometheus scrape.</summary>
public sealed class PrometheusExporter : IDisposable
{
    /// <summary>The Content-Type of the text format.</summary>
    public const string ContentType = "text/plain; version=0.0.4; charset=utf-8";

    private readonly MeterListener _listener = new();
    private readonly ConcurrentDictionary<Instrument, ConcurrentDictionary<string, double>> _values = new();
    private readonly Lock _scrape = new();

    public PrometheusExporter()
    {
        _listener.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name.StartsWith("Autonet.", StringComparison.Ordinal) && instrument is not Histogram<long> and not Histogram<double>)
            {
                _values.TryAdd(instrument, new ConcurrentDictionary<string, double>());
                listener.EnableMeasurementEvents(instrument);
            }
        };
        _listener.MeasurementsCompleted = (instrument, state) => _values.TryRemove(instrument, out var removed);
        _listener.SetMeasurementEventCallback<long>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<int>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.SetMeasurementEventCallback<double>((instrument, value, tags, _) => Record(instrument, value, tags));
        _listener.Start();
    }

    /// <summary>The current values, in the text format.</summary>
    public string Render()
    {
        lock (_scrape)
        {
            _listener.RecordObservableInstruments(); // gauges report now, into _values
            var text = new StringBuilder();
            foreach (var group in _values.Where(v => !v.Value.IsEmpty).GroupBy(v => Name(v.Key)).OrderBy(g => g.Key, StringComparer.Ordinal))
            {
                var instrument = group.First().Key;
                text.Append("# HELP ").Append(group.Key).Append(' ').Append(Escape(instrument.Description ?? "", help: true)).Append('\n');
                text.Append("# TYPE ").Append(group.Key).Append(' ').Append(IsCounter(instrument) ? "counter" : "gauge").Append('\n');
                foreach (var (labels, value) in group.SelectMany(g => g.Value).OrderBy(p => p.Key, StringComparer.Ordinal))
                {
                    text.Append(group.Key).Append(labels).Append(' ').Append(value.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
                }
            }
            return text.ToString();
        }
    }

    private void Record(Instrument instrument, double value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (!_values.TryGetValue(instrument, out var series))
        {
            return;
        }
        var labels = Labels(tags);
        if (instrument is ObservableGauge<long> or ObservableGauge<int> or ObservableGauge<double> or Gauge<long> or Gauge<double>)
        {
            series[labels] = value;
        }
        else
        {
            series.AddOrUpdate(labels, value, (_, total) => total + value);
        }
    }

    private static bool IsCounter(Instrument instrument) => instrument is Counter<long> or Counter<int> or Counter<double> or ObservableCounter<long> or ObservableCounter<double>;

    // Prometheus names: [a-zA-Z_:][a-zA-Z0-9_:]*; a counter ends in _total.
    private static string Name(Instrument instrument)
    {
        var name = new string(instrument.Name.Select(c => char.IsAsciiLetterOrDigit(c) || c is '_' or ':' ? c : '_').ToArray());
        return IsCounter(instrument) && !name.EndsWith("_total", StringComparison.Ordinal) ? name + "_total" : name;
    }

    private static string Labels(ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        if (tags.Length == 0)
        {
            return "";
        }
        var pairs = new List<string>(tags.Length);
        foreach (var (key, value) in tags)
        {
            pairs.Add($"{key}=\"{Escape(Convert.ToString(value, CultureInfo.InvariantCulture) ?? "", help: false)}\"");
        }
        pairs.Sort(StringComparer.Ordinal);
        return "{" + string.Join(',', pairs) + "}";
    }

    // The text format escapes \ and line feeds everywhere, and " inside label values.
    private static string Escape(string text, bool help)
    {
        var escaped = text.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\n", "\\n", StringComparison.Ordinal);
        return help ? escaped : escaped.Replace("\"", "\\\"", StringComparison.Ordinal);
    }

    public void Dispose() => _listener.Dispose();
}
