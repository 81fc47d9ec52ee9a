using OpenGaussScale.Core.Execution;
using Spectre.Console;
using System.Diagnostics;
using System.Globalization;

namespace OpenGaussScale.Cli.Runtime;

/// <summary>
/// The live per-host display of a run on a terminal: one row per host with the step it is on, how it ended and the
/// time so far, redrawn as steps start and end. Off a terminal the run logs plain lines instead (StepProgressLog).
/// </summary>
internal sealed class LiveProgress : IProgress<StepEvent>
{
    private readonly IAnsiConsole _console;
    private readonly Dictionary<string, Row> _rows = new(StringComparer.Ordinal);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly Lock _gate = new();
    private LiveDisplayContext? _live;

    public LiveProgress(TextWriter terminal)
    {
        _console = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(terminal) });
    }

    private sealed class Row
    {
        public string Step { get; set; } = "";

        public string State { get; set; } = "waiting";

        public int Done { get; set; }

        public int Total { get; set; }
    }

    /// <summary>Runs the work while the display is shown, then leaves the final table on the terminal.</summary>
    public async Task<T> RunAsync<T>(Func<IProgress<StepEvent>, Task<T>> work)
    {
        ArgumentNullException.ThrowIfNull(work);
        var result = default(T)!;
        await _console.Live(Render()).AutoClear(false).StartAsync(async context =>
        {
            _live = context;
            result = await work(this).ConfigureAwait(false);
            Refresh();
        }).ConfigureAwait(false);
        return result;
    }

    public void Report(StepEvent value)
    {
        ArgumentNullException.ThrowIfNull(value);
        lock (_gate)
        {
            if (!_rows.TryGetValue(value.Host, out var row))
            {
                row = new Row();
                _rows[value.Host] = row;
            }

            if (value.IsStart)
            {
                row.Total++;
                row.Step = value.Title;
                row.State = "running";
            }
            else
            {
                row.Done++;
                row.State = value.Status switch
                {
                    StepStatus.Done or StepStatus.AlreadyDone => "ok",
                    StepStatus.Skipped => "skipped",
                    _ => $"{value.Status}: {value.Message}",
                };
            }
        }

        Refresh();
    }

    private void Refresh()
    {
        if (_live is not null)
        {
            _live.UpdateTarget(Render());
        }
    }

    private Table Render()
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("HOST").AddColumn("STEP").AddColumn("STATE").AddColumn(new TableColumn("STEPS").RightAligned());
        lock (_gate)
        {
            foreach (var (host, row) in _rows.OrderBy(r => r.Key, StringComparer.Ordinal))
            {
                var color = row.State == "ok" ? "green" : row.State is "running" or "waiting" ? "yellow" : "red";
                table.AddRow(Cell(host), Cell(row.Step), $"[{color}]{Cell(row.State)}[/]", row.Done.ToString(CultureInfo.InvariantCulture));
            }
        }

        table.Caption($"{_clock.Elapsed.TotalSeconds:0} s");
        return table;
    }

    // The live display writes to the terminal itself, past SafeTextWriter: a state can quote a node's output.
    private static string Cell(string text) => Markup.Escape(Rendering.TerminalText.Sanitize(text));
}
