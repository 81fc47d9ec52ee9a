using OpenGaussScale.Core.Execution;
using System.Globalization;
using System.Text;

namespace OpenGaussScale.Cli.Rendering;

/// <summary>
/// A plan as --dry-run prints it: every step in order with its exact remote commands and the settings it gives. The
/// same inputs give the same bytes (nothing here depends on time or on hash order).
/// </summary>
internal static class PlanView
{
    public static string ToText(Plan plan)
    {
        var text = new StringBuilder();
        var hosts = plan.Steps.Select(s => s.Host).Distinct().Count();
        text.Append(CultureInfo.InvariantCulture, $"plan: {plan.Steps.Count} steps on {hosts} host{(hosts == 1 ? "" : "s")} (dry run: nothing was changed)\n");
        var number = 0;
        foreach (var step in plan.Steps)
        {
            number++;
            text.Append(CultureInfo.InvariantCulture, $"\n{number,3}. {step.Id}  {step.Title}");
            if (step.DependsOn.Count > 0)
            {
                text.Append(CultureInfo.InvariantCulture, $"  (after {string.Join(", ", step.DependsOn)})");
            }

            text.Append('\n');
            foreach (var setting in step.Action.Settings)
            {
                text.Append(CultureInfo.InvariantCulture, $"       set {setting.Key} = '{setting.Value}'\n");
            }

            foreach (var transfer in step.Action.Transfers)
            {
                text.Append(CultureInfo.InvariantCulture, $"       upload {transfer}\n");
            }

            foreach (var command in step.Action.Describe())
            {
                text.Append(CultureInfo.InvariantCulture, $"       {command.User}@{command.Host}$ {command.Command}\n");
            }
        }

        return text.ToString();
    }

    public static object ToJson(Plan plan) => new
    {
        steps = plan.Steps.Select(s => new
        {
            id = s.Id,
            host = s.Host,
            action = s.Action.Name,
            title = s.Title,
            dependsOn = s.DependsOn,
            settings = s.Action.Settings.Select(kv => new { name = kv.Key, value = kv.Value }),
            uploads = s.Action.Transfers,
            commands = s.Action.Describe().Select(c => c.ToString()),
        }),
    };
}
