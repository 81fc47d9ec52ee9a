using System.Globalization;

namespace OpenGaussScale.Kit.Tools.Om;

/// <summary>The -l log file of the OM local scripts (appended to; nothing when no -l was given).</summary>
public sealed class OmLog
{
    private readonly string? _path;

    public OmLog(string? path)
    {
        _path = path;
        if (path is not null && Path.GetDirectoryName(path) is { Length: > 0 } directory)
        {
            Directory.CreateDirectory(directory);
        }
    }

    public void Write(string message)
    {
        if (_path is not null)
        {
            File.AppendAllText(_path, string.Create(CultureInfo.InvariantCulture, $"[{DateTime.Now:yyyy-MM-dd HH:mm:ss.ffffff}][LOG]:{message}\n"));
        }
    }
}
