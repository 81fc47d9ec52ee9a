using System.Globalization;
using System.Text.RegularExpressions;
using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Cluster;
using OpenGaussScale.Kit.Remote;
using OpenGaussScale.Kit.Settings;

namespace OpenGaussScale.Kit.Tools.GsGuc;

/// <summary>gs_guc set|reload|check (reference 5): postgresql.conf parameters with -c, pg_hba rules with -h.</summary>
public sealed partial class GsGucTool : ITool
{
    public const string Usage = """
        gs_guc (ogkit: openGauss command kit over PostgreSQL)
        Usage:
          gs_guc set    {-D DATADIR | -N all -I all} -c "name='value'" [-c ...]
          gs_guc reload {-D DATADIR | -N all -I all} -c "name='value'" [-c ...]
          gs_guc set    {-D DATADIR | -N all -I all} -h "host DATABASE USER ADDRESS METHOD"   (add or replace a rule)
          gs_guc set    {-D DATADIR | -N all -I all} -h "host DATABASE USER ADDRESS"          (remove the rule)
          gs_guc check  {-D DATADIR | -N all -I all} -c "name" [-c ...]
        -c "name" without a value in set/reload comments the parameter out (back to its default).
        """;

    public string Name => "gs_guc";

    public int Run(IReadOnlyList<string> args, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var arguments = GsGucArguments.Parse(args, out var special);
        if (arguments is null)
        {
            context.Out.WriteLine(special == "help" ? Usage : "gs_guc " + KitVersion.Load().ServerText);
            return 0;
        }

        KitServices.RefuseRoot("gs_guc");
        var services = new KitServices(context);
        var instances = Instances(arguments, context);
        if (arguments.AllNodes)
        {
            context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Begin to perform the total nodes: {instances.Count}."));
        }

        return arguments.Command == "check" ? Check(arguments, instances, services) : Change(arguments, instances, services);
    }

    private static int Change(GsGucArguments arguments, IReadOnlyList<Instance> instances, KitServices services)
    {
        var failed = 0;
        foreach (var instance in instances)
        {
            bool ok;
            if (instance.Remote is null)
            {
                ok = new InstanceEditor(services).Apply(arguments, new DataDirectory(instance.DataDirectory));
            }
            else
            {
                var result = instance.Remote.Run(arguments.ToArgv(instance.DataDirectory));
                services.Context.Out.Write(Body(result.StandardOutput));
                ok = result.Succeeded;
                if (!ok)
                {
                    services.Context.Error.WriteLine($"ERROR: {instance.Name}: {result.FailureText}");
                }
            }

            failed += ok ? 0 : 1;
        }

        services.Context.Out.WriteLine();
        services.Context.Out.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Total instances: {instances.Count}. Failed instances: {failed}."));
        services.Context.Out.WriteLine(failed == 0 ? "Success to perform gs_guc!" : "Failure to perform gs_guc!");
        return failed == 0 ? 0 : 1;
    }

    private static int Check(GsGucArguments arguments, IReadOnlyList<Instance> instances, KitServices services)
    {
        var output = services.Context.Out;
        var host = Environment.MachineName;
        var values = new List<(string Instance, string Name, string Value)>();
        var failed = 0;
        foreach (var instance in instances)
        {
            var file = Path.Combine(instance.DataDirectory, "postgresql.conf");
            foreach (var parameter in arguments.Parameters)
            {
                output.WriteLine($"expected guc information: {instance.Name ?? host}: {parameter.Name}=NULL: [{file}]");
            }

            if (instance.Remote is null)
            {
                if (!File.Exists(file))
                {
                    services.Context.Error.WriteLine($"ERROR: Failed to open or read file \"{file}\": the instance does not exist.");
                    failed += arguments.Parameters.Count;
                    continue;
                }

                foreach (var (name, value) in InstanceEditor.Check(arguments, new DataDirectory(instance.DataDirectory)))
                {
                    values.Add((instance.Name ?? host, name, value));
                }
            }
            else
            {
                var result = instance.Remote.Run(arguments.ToArgv(instance.DataDirectory));
                foreach (var parameter in arguments.Parameters)
                {
                    var match = Regex.Match(result.StandardOutput, "^    " + Regex.Escape(parameter.Name) + "=(.*)$", RegexOptions.Multiline);
                    if (match.Success)
                    {
                        values.Add((instance.Name!, parameter.Name, match.Groups[1].Value));
                    }
                    else
                    {
                        failed++;
                    }
                }
            }
        }

        foreach (var (instance, name, value) in values)
        {
            output.WriteLine($"gs_guc check: {instance}: {name}={value}: [{instances.First(i => (i.Name ?? host) == instance).DataDirectory}/postgresql.conf]");
        }

        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"Total GUC values: {values.Count + failed}. Failed GUC values: {failed}."));
        foreach (var parameter in arguments.Parameters)
        {
            var found = values.Where(v => v.Name == parameter.Name).ToList();
            if (found.Select(v => v.Value).Distinct(StringComparer.Ordinal).Count() <= 1)
            {
                output.WriteLine($"The value of parameter {parameter.Name} is same on all instances.");
                if (found.Count > 0)
                {
                    output.WriteLine($"    {parameter.Name}={found[0].Value}");
                }
            }
            else
            {
                output.WriteLine($"The value of parameter {parameter.Name} is different on all instances.");
                foreach (var value in found)
                {
                    output.WriteLine($"    {value.Instance}: {parameter.Name}={value.Value}");
                }
            }
        }

        return failed == 0 ? 0 : 1;
    }

    /// <summary>A remote gs_guc's own lines without its totals (they are summed here).</summary>
    private static string Body(string output) =>
        string.Join('\n', output.Split('\n').Where(l => !l.StartsWith("Total instances:", StringComparison.Ordinal)
            && !l.StartsWith("Success to perform", StringComparison.Ordinal) && !l.StartsWith("Failure to perform", StringComparison.Ordinal)
            && !l.StartsWith("Begin to perform", StringComparison.Ordinal) && l.Length > 0)) + "\n";

    private static List<Instance> Instances(GsGucArguments arguments, ToolContext context)
    {
        if (!arguments.AllNodes)
        {
            return [new Instance(null, arguments.DataDirectory!, null)];
        }

        var config = StaticConfig.Load(StaticConfig.PathIn(context.RequireEnv("GAUSSHOME")));
        var hostName = Environment.MachineName;
        var environmentFile = RemoteHost.EnvironmentFileFor(context);
        return config.Cluster.Nodes
            .SelectMany(node => node.DataNodes.Select(dn => new Instance(
                node.Name, dn.DataDirectory, node.Id == config.LocalNodeId || node.Name == hostName ? null : new RemoteHost(node.SshIp, environmentFile))))
            .ToList();
    }

    private sealed record Instance(string? Name, string DataDirectory, RemoteHost? Remote);
}
