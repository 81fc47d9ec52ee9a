using OpenGaussScale.Core.Config;
using OpenGaussScale.Core.Execution;
using OpenGaussScale.Core.Operations;
using System.Text;

namespace OpenGaussScale.Cli.Rendering;

/// <summary>
/// A dropnode run's result: the original's `[gs_dropnode]...` lines for the steps that were done (runbooks grep for
/// them), a table per target, what an undo restored, and the single-node advice; or one JSON document with the same facts.
/// </summary>
internal static class DropnodeView
{
    private const string Tag = "[gs_dropnode]";

    public static string ToText(DropnodeResult result, ClusterConfig config)
    {
        ArgumentNullException.ThrowIfNull(result);
        var text = new StringBuilder();
        if (result.Execution is { } execution)
        {
            text.Append(Tag).Append("Start to drop nodes of the cluster.\n");
            foreach (var line in CompatibilityLines(execution, config, result.Backups))
            {
                text.Append(Tag).Append(line).Append('\n');
            }

            if (result.ExitCode == 0)
            {
                text.Append(Tag).Append("Success to drop the target nodes.\n");
            }
        }

        if (result.Targets.Count > 0)
        {
            var table = new TextTable("HOST", "NAME", "ROLE", "RESULT", "STATE", "NOTE");
            foreach (var target in result.Targets)
            {
                table.Add(target.Host, target.Name, target.Role, target.Dropped ? "dropped" : "kept", target.State, target.Note ?? "");
            }

            text.Append('\n').Append(table);
        }

        text.AppendUndo(result.Restored, result.NotRestored);

        if (result.SingleNode && result.Execution is not null && result.ExitCode == 0)
        {
            text.Append(result.Restarted
                ? $"\nonly the primary {config.Primary.Name} is left; it was restarted\n"
                : $"\nonly the primary {config.Primary.Name} is left; a restart of it is recommended (not done: pass --restart-primary, or restart it at a quiet moment)\n");
        }

        return text.ToString();
    }

    public static object ToJson(DropnodeResult result) => new
    {
        exitCode = result.ExitCode,
        notices = result.Notices,
        preflight = result.Preflight is null ? null : PreflightView.ToJson(result.Preflight),
        targets = result.Targets.Select(t => new { host = t.Host, name = t.Name, role = t.Role, dropped = t.Dropped, stopped = t.Stopped, state = t.State, note = t.Note }),
        singleNode = result.SingleNode,
        restarted = result.Restarted,
        backups = result.Backups,
        steps = result.Execution?.Outcomes.Select(o => new
        {
            id = o.Step.Id,
            status = o.Status.ToString(),
            seconds = Math.Round(o.Elapsed.TotalSeconds, 1),
            error = o.Error,
        }),
        restored = result.Restored,
        notRestored = result.NotRestored,
        journal = result.Journal,
        error = result.Error,
        hint = result.Hint,
    };

    // The original's progress lines (reference 4.2, 4.5), for each step that was done, in the order they ran.
    private static IEnumerable<string> CompatibilityLines(ExecutionReport execution, ClusterConfig config, IReadOnlyDictionary<string, string> backups)
    {
        foreach (var outcome in execution.Outcomes.Where(o => o.Succeeded))
        {
            var name = config.FindByBackIp(outcome.Step.Host)?.Name ?? outcome.Step.Host;
            switch (outcome.Step.Action.Name)
            {
                case "backup":
                    yield return $"Start to backup parameter config file on {name}.";
                    yield return $"End to backup parameter config file on {name}.";
                    if (backups.TryGetValue(name, out var path))
                    {
                        yield return $"The backup file of {name} is {path}";
                    }

                    break;
                case "guc":
                    yield return $"Start to set openGauss config file on {name}.";
                    yield return $"End of set openGauss config file on {name}.";
                    break;
                case "hba" or "unhba":
                    yield return $"Start to set pg_hba config file on {name}.";
                    yield return $"End of set pg_hba config file on {name}.";
                    break;
                case "stop":
                    yield return $"Start to stop the target node {name}.";
                    yield return $"End of stop the target node {name}.";
                    break;
                case "slot":
                    yield return $"Start to set repl slot on {name}.";
                    yield return $"End of set repl slot on {name}.";
                    break;
                case "staticconf":
                    yield return "Start to modify the cluster static conf.";
                    yield return "End of modify the cluster static conf.";
                    break;
                case "dynamicconf":
                    yield return "Remove the dynamic conf.";
                    break;
            }
        }
    }
}
