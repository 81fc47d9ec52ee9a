using OpenGaussScale.Playground.Engines;
using OpenGaussScale.Playground.Hosts;
using OpenGaussScale.Playground.Text;

namespace OpenGaussScale.Playground.Tests;

public sealed class UpSummaryTextTests
{
    [Fact]
    public void The_summary_names_each_host_and_the_next_commands_with_the_playground_program()
    {
        var layout = new PlaygroundLayout("/tmp/pg-summary");
        var state = new PlaygroundState
        {
            Engine = PlaygroundEngines.PostgreSql,
            Nodes = 3,
            Phase = "up",
            Hosts =
            [
                new HostState { Number = 1, Name = "ognode1", Address = "127.0.0.11", SshPort = 22 },
                new HostState { Number = 2, Name = "ognode2", Address = "127.0.0.12", SshPort = 2222 },
                new HostState { Number = 3, Name = "ognode3", Address = "127.0.0.13", SshPort = 22 },
            ],
            NoTrust = [3],
        };

        var text = UpSummaryText.Render(layout, state, PlaygroundEngines.Create(PlaygroundEngines.PostgreSql), ["nftables"], TimeSpan.FromSeconds(12.34));

        Assert.StartsWith("playground up: 3 hosts, engine postgresql, in 12.3 s (installed nftables)\n", text, StringComparison.Ordinal);
        Assert.Contains("  ognode2  127.0.0.12  ssh port 2222  bare host (user omm, empty directories)\n", text, StringComparison.Ordinal);
        Assert.Contains("  ognode3  127.0.0.13  ssh port 22  bare host (user omm, empty directories), left out of the mutual trust\n", text, StringComparison.Ordinal);
        Assert.Contains("  ogscale check -U omm -G dbgrp -X /tmp/pg-summary/expand-all.xml -h 127.0.0.12,127.0.0.13 ", text, StringComparison.Ordinal);
        Assert.EndsWith("  ogscale-playground down --dir /tmp/pg-summary\n", text, StringComparison.Ordinal);
    }
}
