using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace OpenGaussScale.Cli.Tests.BadInput;

/// <summary>
/// A case's own directory with its -X file and other files, a loopback listener that stands for any URL a hostile
/// file points at, and the services the CLI runs with (shells that trip, a state directory inside the workspace).
/// </summary>
internal sealed partial class BadInputWorkspace : IDisposable
{
    private readonly BadInputCase _case;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);

    public BadInputWorkspace(BadInputCase badInput)
    {
        _case = badInput;
        Dir = Path.Combine(Path.GetTempPath(), $"ogscale-badinput-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Dir);
        _listener.Start();
        Marker = $"/tmp/ogscale-injected-{badInput.Name}";
        XmlPath = Path.Combine(Dir, Fill(badInput.XmlName));
        if (badInput.XmlBytes is not null)
        {
            File.WriteAllBytes(XmlPath, badInput.XmlBytes);
        }
        else
        {
            File.WriteAllText(XmlPath, Fill(badInput.Xml ?? BadInputXml.Render()), new UTF8Encoding(false));
        }

        foreach (var (name, text) in badInput.Files)
        {
            File.WriteAllText(Path.Combine(Dir, name), Fill(text));
        }
    }

    public string Dir { get; }

    public string XmlPath { get; }

    /// <summary>The file the case's payload would create if it ever reached a shell.</summary>
    public string Marker { get; }

    public string StateDirectory => Path.Combine(Dir, "state");

    /// <summary>True when something connected to the listener (a URL in a hostile file was fetched).</summary>
    public bool UrlWasContacted => _listener.Pending();

    public string Url => $"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";

    public static string CmSample => Path.Combine(AppContext.BaseDirectory, "samples", "docs-en-1primary-2standby-with-cm.xml");

    /// <summary>The text with every placeholder replaced.</summary>
    public string Fill(string text) =>
        LinePlaceholder().Replace(
            text.Replace("{dir}", Dir, StringComparison.Ordinal)
                .Replace("{xml}", XmlPath, StringComparison.Ordinal)
                .Replace("{marker}", Marker, StringComparison.Ordinal)
                .Replace("{url}", Url, StringComparison.Ordinal)
                .Replace("{cm}", CmSample, StringComparison.Ordinal),
            m => BadInputXml.LineOf(m.Groups[1].Value).ToString(CultureInfo.InvariantCulture));

    public CliServices Services(TripwireShells shells) => new()
    {
        HostName = "ogscale-badinput-control",
        UserName = "root",
        IsRoot = true,
        ProcessId = System.Environment.ProcessId,
        Clock = TimeProvider.System,
        StateDirectory = StateDirectory,
        ShellFactories = (_, _) => (shells, shells),
        Environment = name => _case.Environment.TryGetValue(name, out var value) ? Fill(value) : null,
    };

    /// <summary>Every file under the workspace with its sha256: equal before and after means nothing was written here.</summary>
    public IReadOnlyDictionary<string, string> Snapshot() =>
        Directory.EnumerateFiles(Dir, "*", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .ToDictionary(f => f, f => Convert.ToHexString(SHA256.HashData(File.ReadAllBytes(f))), StringComparer.Ordinal);

    public void Dispose()
    {
        _listener.Stop();
        _listener.Dispose();
        Directory.Delete(Dir, recursive: true);
    }

    [GeneratedRegex(@"\{line:(\w+)\}")]
    private static partial Regex LinePlaceholder();
}
