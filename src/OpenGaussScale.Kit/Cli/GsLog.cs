using System.Globalization;

namespace OpenGaussScale.Kit.Cli;

/// <summary>
/// The "[2024-09-26 10:00:00.123][4242][][gs_ctl]: text" line prefix that openGauss's C tools (gs_ctl) put before their
/// progress messages.
/// </summary>
public static class GsLog
{
    public static string Line(string tool, string text) =>
        string.Create(CultureInfo.InvariantCulture, $"[{DateTime.Now:yyyy-MM-dd HH:mm:ss.fff}][{Environment.ProcessId}][][{tool}]: {text}");
}
