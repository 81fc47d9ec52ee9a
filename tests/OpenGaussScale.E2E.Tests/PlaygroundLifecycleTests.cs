using OpenGaussScale.E2E.Tests.Support;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace OpenGaussScale.E2E.Tests;

/// <summary>Whole lifecycles with their own playground: --no-trust, down leaving nothing, a failed up undoing itself.</summary>
[Trait("Category", "E2E")]
public sealed class PlaygroundLifecycleTests
{
    [PlaygroundFact]
    public async Task No_trust_leaves_a_host_out_a_taken_port_22_moves_and_down_leaves_nothing_behind()
    {
        var dir = NewDir();
        var mountPointsBefore = MountPoints();

        // Someone else has 127.0.0.12:22: ognode2's sshd must take another port and say so everywhere.
        using var squatter = new TcpListener(IPAddress.Parse("127.0.0.12"), 22);
        squatter.Start();
        try
        {
            var up = await OgscaleProcess.RunAsync(["playground", "up", "--engine", "postgresql", "--nodes", "3", "--no-trust", "2", "--dir", dir], TimeSpan.FromMinutes(10));
            Assert.True(up.ExitCode == 0, up.ToString());
            var port = Regex.Match(up.Stdout, @"ognode2  127\.0\.0\.12  ssh port (\d+)").Groups[1].Value;
            Assert.NotEqual("22", port);
            Assert.Matches(@"ognode3  127\.0\.0\.13  ssh port 22 ", up.Stdout);
            Assert.Contains($"[127.0.0.12]:{port},[ognode2]:{port} ssh-ed25519 ", await File.ReadAllTextAsync(Path.Combine(dir, "known_hosts")), StringComparison.Ordinal);
            var device = XDocument.Load(Path.Combine(dir, "expand-all.xml")).Descendants("DEVICE").Single(d => (string?)d.Attribute("sn") == "ognode2");
            Assert.Equal(port, device.Elements("PARAM").Single(p => (string?)p.Attribute("name") == "sshPort").Attribute("value")!.Value);

            // omm and root on ognode1 reach ognode3, not ognode2 (refused for the key, not for the port); the control
            // machine still reaches ognode2.
            Assert.Equal("ognode3", await HostSsh.OkAsync(dir, "omm@ognode1", "ssh", "-o", "BatchMode=yes", "127.0.0.13", "hostname"));
            var toNode2 = await HostSsh.RunAsync(dir, "omm@ognode1", "ssh", "-o", "BatchMode=yes", "127.0.0.12", "hostname");
            Assert.NotEqual(0, toNode2.ExitCode);
            Assert.Contains("Permission denied", toNode2.Stderr, StringComparison.Ordinal);
            Assert.NotEqual(0, (await HostSsh.RunAsync(dir, "root@ognode1", "ssh", "-o", "BatchMode=yes", "ognode2", "true")).ExitCode);
            Assert.NotEqual(0, (await HostSsh.RunAsync(dir, "omm@ognode2", "ssh", "-o", "BatchMode=yes", "127.0.0.11", "true")).ExitCode);
            Assert.Equal("ognode2", await HostSsh.OkAsync(dir, "omm@ognode2", "hostname"));

            var down = await OgscaleProcess.RunAsync("playground", "down", "--dir", dir);
            Assert.True(down.ExitCode == 0, down.ToString());
            Assert.Equal(["127.0.0.12:22"], Leftovers.ListenersOnPlaygroundAddresses());
            squatter.Stop();
            await Leftovers.AssertNothingLeftAsync(dir);
            Assert.Equal(mountPointsBefore, MountPoints());

            var again = await OgscaleProcess.RunAsync("playground", "down", "--dir", dir);
            Assert.True(again.ExitCode == 0, again.ToString());
        }
        finally
        {
            squatter.Stop();
            await DownAndDeleteAsync(dir);
        }
    }

    [PlaygroundFact]
    public async Task A_failed_up_undoes_everything_it_made()
    {
        var dir = NewDir();

        // Something else holds the primary's address and port, so the database cannot start after the hosts are up.
        using var squatter = new TcpListener(IPAddress.Parse("127.0.0.11"), 15400);
        squatter.Start();
        try
        {
            var up = await OgscaleProcess.RunAsync(["playground", "up", "--engine", "postgresql", "--nodes", "2", "--dir", dir], TimeSpan.FromMinutes(10));

            Assert.True(up.ExitCode == 6, up.ToString());
            Assert.Contains("up failed", up.Stderr, StringComparison.Ordinal);
            Assert.Contains("hint: everything up made was removed", up.Stderr, StringComparison.Ordinal);
            Assert.Contains("undoing what up made", up.Stderr, StringComparison.Ordinal);
            Assert.Contains("error: ognode1:", up.Stderr, StringComparison.Ordinal);
            squatter.Stop();
            await Leftovers.AssertNothingLeftAsync(dir);
            Assert.Contains("\"phase\": \"down\"", await File.ReadAllTextAsync(Path.Combine(dir, "playground.json")), StringComparison.Ordinal);

            var down = await OgscaleProcess.RunAsync("playground", "down", "--dir", dir);
            Assert.True(down.ExitCode == 0, down.ToString());
        }
        finally
        {
            squatter.Stop();
            await DownAndDeleteAsync(dir);
        }
    }

    // The mount points up makes when missing (and down removes again).
    private static bool[] MountPoints() => [Directory.Exists("/opt/ogscale"), Directory.Exists("/home/omm")];

    private static string NewDir() => Path.Combine(Path.GetTempPath(), "ogscale-e2e-" + Guid.NewGuid().ToString("N")[..8]);

    private static async Task DownAndDeleteAsync(string dir)
    {
        if (!Directory.Exists(dir))
        {
            return;
        }

        await OgscaleProcess.RunAsync("playground", "down", "--dir", dir);
        Directory.Delete(dir, recursive: true);
    }
}
