using OpenGaussScale.E2E.Tests.Support;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace OpenGaussScale.E2E.Tests;

/// <summary>Whole lifecycles with their own playground: --no-trust, down leaving nothing, a failed up undoing itself, one up at a time, a dead playground's leftovers.</summary>
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
            var up = await OgscaleProcess.RunPlaygroundAsync(["up", "--engine", "postgresql", "--nodes", "3", "--no-trust", "2", "--dir", dir], TimeSpan.FromMinutes(10));
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

            var down = await OgscaleProcess.RunPlaygroundAsync("down", "--dir", dir);
            Assert.True(down.ExitCode == 0, down.ToString());
            Assert.Equal(["127.0.0.12:22"], Leftovers.ListenersOnPlaygroundAddresses());
            squatter.Stop();
            await Leftovers.AssertNothingLeftAsync(dir);
            Assert.Equal(mountPointsBefore, MountPoints());

            var again = await OgscaleProcess.RunPlaygroundAsync("down", "--dir", dir);
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
            var up = await OgscaleProcess.RunPlaygroundAsync(["up", "--engine", "postgresql", "--nodes", "2", "--dir", dir], TimeSpan.FromMinutes(10));

            Assert.True(up.ExitCode == 6, up.ToString());
            Assert.Contains("up failed", up.Stderr, StringComparison.Ordinal);
            Assert.Contains("hint: everything up made was removed", up.Stderr, StringComparison.Ordinal);
            Assert.Contains("undoing what up made", up.Stderr, StringComparison.Ordinal);
            Assert.Contains("error: ognode1:", up.Stderr, StringComparison.Ordinal);
            squatter.Stop();
            await Leftovers.AssertNothingLeftAsync(dir);
            Assert.Contains("\"phase\": \"down\"", await File.ReadAllTextAsync(Path.Combine(dir, "playground.json")), StringComparison.Ordinal);

            var down = await OgscaleProcess.RunPlaygroundAsync("down", "--dir", dir);
            Assert.True(down.ExitCode == 0, down.ToString());
        }
        finally
        {
            squatter.Stop();
            await DownAndDeleteAsync(dir);
        }
    }

    [PlaygroundFact]
    public async Task Up_refuses_while_a_process_of_another_playground_lives_and_removes_what_a_dead_one_left()
    {
        var dir = NewDir();
        var root = (await ProcessRun.RunAsync("findmnt", ["-n", "-t", "cgroup2", "-o", "TARGET"], TimeSpan.FromSeconds(30))).Stdout.Split('\n')[0].Trim();
        var parent = Path.Combine(root, "ogscale-playground");
        var cgroup = Path.Combine(parent, "ognode9"); // a host the new two-host playground does not make

        // What a playground whose processes were all killed at once leaves: its cgroups and its nft table.
        Directory.CreateDirectory(cgroup);
        Assert.Equal(0, (await ProcessRun.RunAsync("nft", ["add", "table", "ip", "ogscale_playground"], TimeSpan.FromSeconds(30))).ExitCode);
        using var member = Process.Start(new ProcessStartInfo("cat") { RedirectStandardInput = true, UseShellExecute = false })!;
        try
        {
            // An up in progress (it holds the lock while its cgroups are still empty) keeps a second one out.
            using (new FileStream("/run/ogscale-playground-up.lock", FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None))
            {
                var second = await OgscaleProcess.RunPlaygroundAsync(["up", "--engine", "postgresql", "--nodes", "2", "--dir", dir], TimeSpan.FromMinutes(10));
                Assert.True(second.ExitCode == 3, second.ToString());
                Assert.Contains("error: another `ogscale-playground up` is running on this machine", second.Stderr, StringComparison.Ordinal);
            }

            await File.WriteAllTextAsync(Path.Combine(cgroup, "cgroup.procs"), member.Id.ToString(CultureInfo.InvariantCulture));
            var refused = await OgscaleProcess.RunPlaygroundAsync(["up", "--engine", "postgresql", "--nodes", "2", "--dir", dir], TimeSpan.FromMinutes(10));
            Assert.True(refused.ExitCode == 3, refused.ToString());
            Assert.Contains($"error: another playground is running (pid {member.Id} in cgroup {parent})", refused.Stderr, StringComparison.Ordinal);
            Assert.True(Directory.Exists(cgroup) && await Leftovers.NftTableExistsAsync(), "a refused up removed something");

            member.Kill();
            await member.WaitForExitAsync();
            var up = await OgscaleProcess.RunPlaygroundAsync(["up", "--engine", "postgresql", "--nodes", "2", "--dir", dir], TimeSpan.FromMinutes(10));
            Assert.True(up.ExitCode == 0, up.ToString());
            Assert.Contains($"removing the cgroup {parent} and nft table ip ogscale_playground of an earlier playground: no process of it is left", up.Stderr, StringComparison.Ordinal);
            Assert.False(Directory.Exists(cgroup), "the dead playground's cgroup ognode9 is still there");

            var down = await OgscaleProcess.RunPlaygroundAsync("down", "--dir", dir);
            Assert.True(down.ExitCode == 0, down.ToString());
            await Leftovers.AssertNothingLeftAsync(dir);
        }
        finally
        {
            if (!member.HasExited)
            {
                member.Kill();
                await member.WaitForExitAsync();
            }

            await DownAndDeleteAsync(dir);
            if (Directory.Exists(cgroup))
            {
                Directory.Delete(cgroup);
                Directory.Delete(parent);
                await ProcessRun.RunAsync("nft", ["delete", "table", "ip", "ogscale_playground"], TimeSpan.FromSeconds(30));
            }
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

        await OgscaleProcess.RunPlaygroundAsync("down", "--dir", dir);
        Directory.Delete(dir, recursive: true);
    }
}
