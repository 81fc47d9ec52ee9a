using OpenGaussScale.Playground.Engines;
using OpenGaussScale.Playground.Hosts;

namespace OpenGaussScale.Playground.Text;

/// <summary>What `up` prints when it is done: the hosts, the files it wrote and the next commands to try.</summary>
public static class UpSummaryText
{
    public static string Render(PlaygroundLayout layout, PlaygroundState state, IPlaygroundEngine engine, IReadOnlyList<string> installed, TimeSpan elapsed)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"playground up: {state.Nodes} hosts, engine {engine.Name}, in {elapsed.TotalSeconds:0.0} s{(installed.Count > 0 ? $" (installed {string.Join(' ', installed)})" : "")}");
        foreach (var host in state.Hosts)
        {
            var role = host.Number == 1 ? $"primary, {engine.Name} on {host.Address}:{PlaygroundLayout.DataPort}" : "bare host (user omm, empty directories)";
            var trust = state.NoTrust.Contains(host.Number) ? ", left out of the mutual trust" : "";
            text.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"  {host.Name}  {host.Address}  ssh port {host.SshPort}  {role}{trust}");
        }

        text.AppendLine("files:");
        text.AppendLine($"  cluster.xml     {layout.ClusterXml}");
        text.AppendLine($"  expand-all.xml  {layout.ExpandAllXml}");
        text.AppendLine($"  ssh_config      {layout.SshConfig}");
        text.AppendLine($"  known_hosts     {layout.KnownHosts}");
        text.AppendLine($"  identity        {layout.Identity}");
        text.AppendLine($"  state           {layout.StateFile}");
        foreach (var (label, path) in engine.Files(layout))
        {
            text.AppendLine($"  {label,-14}  {path}");
        }

        var newHosts = string.Join(',', state.Hosts.Skip(1).Take(2).Select(h => h.Address));
        text.AppendLine("next:");
        text.AppendLine($"  ssh -F {layout.SshConfig} root@ognode2 hostname");
        text.AppendLine($"  ogscale-playground sql 1 \"select count(*) from pgbench_accounts\" --dir {layout.Dir}");
        foreach (var command in engine.NextCommands(layout))
        {
            text.AppendLine($"  {command}");
        }

        text.AppendLine($"  ogscale check -U omm -G dbgrp -X {layout.ExpandAllXml} -h {newHosts} --identity {layout.Identity} --known-hosts {layout.KnownHosts}");
        text.AppendLine($"  ogscale-playground down --dir {layout.Dir}");
        return text.ToString();
    }
}
