using System.Globalization;
using System.Text.Json;

namespace OpenGaussScale.E2E.Tests.Support;

/// <summary>What a playground may leave behind, as a user would look for it after `down`.</summary>
public static class Leftovers
{
    /// <summary>Listening sockets on 127.0.0.11-19 (what `ss -Hltn` would show), from /proc/net/tcp.</summary>
    public static IReadOnlyList<string> ListenersOnPlaygroundAddresses()
    {
        var result = new List<string>();
        foreach (var line in File.ReadAllLines("/proc/net/tcp").Skip(1))
        {
            var fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (fields[3] != "0A")
            {
                continue;
            }

            var local = fields[1].Split(':');
            var bytes = Convert.FromHexString(local[0]);
            Array.Reverse(bytes);
            if (bytes[0] == 127 && bytes[1] == 0 && bytes[2] == 0 && bytes[3] is >= 11 and <= 19)
            {
                result.Add($"127.0.0.{bytes[3]}:{int.Parse(local[1], NumberStyles.HexNumber, CultureInfo.InvariantCulture)}");
            }
        }

        return result;
    }

    /// <summary>Live (non-zombie) processes whose command line mentions the text.</summary>
    public static IReadOnlyList<string> ProcessesMentioning(string text)
    {
        var result = new List<string>();
        foreach (var proc in Directory.EnumerateDirectories("/proc").Where(d => Path.GetFileName(d).All(char.IsAsciiDigit)))
        {
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(proc, "cmdline")).Replace('\0', ' ');
                var stat = File.ReadAllText(Path.Combine(proc, "stat"));
                var zombie = stat[(stat.LastIndexOf(')') + 2)..].StartsWith('Z');
                if (!zombie && cmdline.Contains(text, StringComparison.Ordinal))
                {
                    result.Add($"{Path.GetFileName(proc)}: {cmdline}");
                }
            }
            catch (IOException)
            {
                // the process ended while we looked
            }
        }

        return result;
    }

    public static async Task<bool> NftTableExistsAsync() =>
        (await ProcessRun.RunAsync("nft", ["list", "table", "ip", "ogscale_playground"], TimeSpan.FromSeconds(30))).ExitCode == 0;

    /// <summary>The cgroup directory the state file names (null when none was made).</summary>
    public static string? CgroupOf(string dir)
    {
        using var state = JsonDocument.Parse(File.ReadAllText(Path.Combine(dir, "playground.json")));
        return state.RootElement.TryGetProperty("cgroupPath", out var path) && path.ValueKind == JsonValueKind.String ? path.GetString() : null;
    }

    /// <summary>Asserts that nothing of the playground in DIR is left: processes, listeners, nft table, cgroups.</summary>
    public static async Task AssertNothingLeftAsync(string dir)
    {
        Assert.Empty(ListenersOnPlaygroundAddresses());
        Assert.Empty(ProcessesMentioning(dir));
        Assert.False(await NftTableExistsAsync(), "the nft table ogscale_playground is still there");
        if (CgroupOf(dir) is string cgroup)
        {
            Assert.False(Directory.Exists(cgroup), $"the cgroup {cgroup} is still there");
        }
    }
}
