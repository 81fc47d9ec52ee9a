using OpenGaussScale.Core.Config;
using System.Diagnostics;
using System.Text;

namespace OpenGaussScale.Core.Tests.Config;

/// <summary>
/// The reader's bounds (issue 14, item 13): nesting, element and attribute counts, and files that are not regular
/// files, refused with one diagnostic each, for callers that do not come through the CLI's -X check too.
/// </summary>
public sealed class XmlBoundsTests : IDisposable
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(60);
    private readonly string _dir = Directory.CreateTempSubdirectory("ogscale-bounds-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public async Task Elements_nested_120000_deep_are_one_error()
    {
        var text = $"<ROOT>{Repeat("<a>", 120_000)}{Repeat("</a>", 120_000)}</ROOT>\n";

        var result = await Task.Run(() => ClusterConfigLoader.Parse(text, "deep.xml")).WaitAsync(Deadline);

        var error = Assert.Single(result.Diagnostics);
        Assert.Equal("deep.xml:1: elements are nested more than 32 deep; a cluster XML nests 4 (ROOT, DEVICELIST, DEVICE, PARAM)", error.ToString());
        Assert.Equal("check that -X names the cluster XML file", error.Hint);
        Assert.Null(result.Config);
    }

    [Fact]
    public void Nesting_of_32_is_read_and_33_is_refused_at_the_line_of_the_33rd()
    {
        static string Nested(int depth) =>
            "<ROOT>\n" + string.Concat(Enumerable.Range(2, depth - 1).Select(_ => "<a>\n")) + Repeat("</a>", depth - 1) + "</ROOT>\n";

        Assert.DoesNotContain(ConfigFixtures.Lines(ClusterConfigLoader.Parse(Nested(32), "d.xml")), l => l.Contains("nested", StringComparison.Ordinal));
        Assert.Equal(
            ["d.xml:33: elements are nested more than 32 deep; a cluster XML nests 4 (ROOT, DEVICELIST, DEVICE, PARAM)"],
            ConfigFixtures.Lines(ClusterConfigLoader.Parse(Nested(33), "d.xml")));
    }

    [Fact]
    public void More_than_10000_elements_are_one_error()
    {
        var text = $"<ROOT>\n{Repeat("<x/>", 10_000)}\n</ROOT>\n";

        Assert.Equal(
            ["e.xml:2: the XML has more than 10000 elements; a cluster XML of nine hosts has a few hundred"],
            ConfigFixtures.Lines(ClusterConfigLoader.Parse(text, "e.xml")));
    }

    [Fact]
    public void More_than_20000_attributes_are_one_error()
    {
        var attributes = string.Concat(Enumerable.Range(0, 20_001).Select(i => $" a{i}=\"\""));
        var text = $"<ROOT>\n<x{attributes}/>\n</ROOT>\n";

        Assert.Equal(
            ["a.xml:2: the XML has more than 20000 attributes; a cluster XML of nine hosts has a few hundred"],
            ConfigFixtures.Lines(ClusterConfigLoader.Parse(text, "a.xml")));
    }

    [Fact]
    public async Task Load_of_a_fifo_is_one_error_and_never_opens_it()
    {
        var fifo = Path.Combine(_dir, "cluster.xml");
        MakeFifo(fifo);

        // Opening a FIFO for reading blocks until a writer comes: a loader that opens it hangs here.
        var load = Task.Run(() => ClusterConfigLoader.Load(fifo));
        try
        {
            var result = await load.WaitAsync(Deadline);

            var error = Assert.Single(result.Diagnostics);
            Assert.Equal($"{fifo}: this is a named pipe (FIFO), not a regular file; a cluster XML is never read from a pipe or device", error.ToString());
            Assert.Equal("save the cluster XML to a file and give its path with -X", error.Hint);
        }
        finally
        {
            if (!load.IsCompleted)
            {
                // Let the blocked reader go: a writer that opens and closes at once gives it end of file.
                using var writer = new FileStream(fifo, FileMode.Open, FileAccess.Write);
            }
        }
    }

    [Fact]
    public void Load_of_a_device_is_one_error()
    {
        Assert.Equal(
            ["/dev/zero: this is a character device, not a regular file; a cluster XML is never read from a pipe or device"],
            ConfigFixtures.Lines(ClusterConfigLoader.Load("/dev/zero")));
    }

    [Fact]
    public void A_symbolic_link_to_a_regular_file_is_read()
    {
        var file = Path.Combine(_dir, "real.xml");
        File.WriteAllText(file, ConfigFixtures.ValidXml);
        var link = Path.Combine(_dir, "link.xml");
        File.CreateSymbolicLink(link, file);

        var result = ClusterConfigLoader.Load(link);

        Assert.Empty(result.Errors);
        Assert.NotNull(result.Config);
    }

    internal static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", ["-m", "0600", "--", path]) { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }

    private static string Repeat(string text, int count) => new StringBuilder(text.Length * count).Insert(0, text, count).ToString();
}
