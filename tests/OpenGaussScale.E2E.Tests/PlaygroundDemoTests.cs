using OpenGaussScale.E2E.Tests.Support;

namespace OpenGaussScale.E2E.Tests;

/// <summary>
/// The README's first command, `ogscale-playground demo` (the default engine, openGauss through the kit), as the built
/// program: every stage passes, the row written on the primary is read back on each standby, and the demo takes down
/// and removes what it made.
/// </summary>
[Trait("Category", "E2E")]
public sealed class PlaygroundDemoTests
{
    [PlaygroundFact]
    public async Task The_demo_runs_every_stage_and_leaves_nothing_behind()
    {
        var dir = Path.Combine(Path.GetTempPath(), "ogscale-e2e-demo-" + Guid.NewGuid().ToString("N")[..8]);
        try
        {
            var demo = await OgscaleProcess.RunPlaygroundAsync(["demo", "--dir", dir], TimeSpan.FromMinutes(15));

            Assert.True(demo.ExitCode == 0, demo.ToString());
            Assert.Contains($"$ ogscale-playground up --nodes 4 --engine opengauss --dir {dir}", demo.Stdout, StringComparison.Ordinal);
            Assert.Contains("$ ogscale expand -U omm -G dbgrp -X ", demo.Stdout, StringComparison.Ordinal);
            Assert.Contains($" --package {dir}/package ", demo.Stdout, StringComparison.Ordinal);
            Assert.Contains("$ ogscale dropnode -U omm -G dbgrp -X ", demo.Stdout, StringComparison.Ordinal);
            foreach (var standby in new[] { "ognode2", "ognode3", "ognode4" })
            {
                Assert.Contains($"{standby}: 'written on the primary during the ogscale demo'", demo.Stdout, StringComparison.Ordinal);
            }

            Assert.Matches(@"\ndemo done in \d+ s", demo.Stdout);
            Assert.False(Directory.Exists(dir), $"the demo left {dir}");
            Assert.Empty(Leftovers.ListenersOnPlaygroundAddresses());
        }
        finally
        {
            if (Directory.Exists(dir))
            {
                await OgscaleProcess.RunPlaygroundAsync("down", "--dir", dir);
                Directory.Delete(dir, recursive: true);
            }
        }
    }
}
