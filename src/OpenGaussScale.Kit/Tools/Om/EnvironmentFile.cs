using System.Text;
using OpenGaussScale.Kit.Cluster;

namespace OpenGaussScale.Kit.Tools.Om;

/// <summary>
/// The cluster user's environment block that gs_preinstall writes (GPHOME, GAUSSHOME, PGHOST, GAUSSLOG, PATH,
/// LD_LIBRARY_PATH ...). In ~/.bashrc it goes at the top: Debian's .bashrc returns early for non-interactive shells,
/// and openGauss's tools `source` it from non-interactive SSH commands.
/// </summary>
public static class EnvironmentFile
{
    public const string Begin = "# >>> openGauss environment (written by ogkit gs_preinstall) >>>";
    public const string End = "# <<< openGauss environment (written by ogkit gs_preinstall) <<<";

    public static string Block(ClusterDescription cluster, string user, string version, string? separateFile, int gaussEnv)
    {
        ArgumentNullException.ThrowIfNull(cluster);
        var text = new StringBuilder();
        text.Append(Begin).Append('\n');
        text.Append("export GPHOME=").Append(Cli.ShellQuote.Quote(cluster.ToolPath)).Append('\n');
        text.Append("export PATH=$GPHOME/script/gspylib/pssh/bin:$GPHOME/script:$PATH\n");
        text.Append("export LD_LIBRARY_PATH=$GPHOME/lib:$LD_LIBRARY_PATH\n");
        text.Append("export PYTHONPATH=$GPHOME/lib\n");
        text.Append("export GAUSSHOME=").Append(Cli.ShellQuote.Quote(cluster.AppPath)).Append('\n');
        text.Append("export PATH=$GAUSSHOME/bin:$PATH\n");
        text.Append("export LD_LIBRARY_PATH=$GAUSSHOME/lib:$LD_LIBRARY_PATH\n");
        text.Append("export GAUSSLOG=").Append(Cli.ShellQuote.Quote(cluster.LogPath.TrimEnd('/') + "/" + user)).Append('\n');
        text.Append("export PGHOST=").Append(Cli.ShellQuote.Quote(cluster.TmpPath)).Append('\n');
        text.Append("export GS_CLUSTER_NAME=").Append(Cli.ShellQuote.Quote(cluster.ClusterName)).Append('\n');
        text.Append("export GAUSS_VERSION=").Append(Cli.ShellQuote.Quote(version)).Append('\n');
        text.Append("export GAUSS_ENV=").Append(gaussEnv).Append('\n');
        if (separateFile is not null)
        {
            text.Append("export MPPDB_ENV_SEPARATE_PATH=").Append(Cli.ShellQuote.Quote(separateFile)).Append('\n');
        }

        text.Append(End).Append('\n');
        return text.ToString();
    }

    /// <summary>The file's text with the block replaced (or put first when there was none).</summary>
    public static string WithBlock(string existing, string block)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var without = WithoutBlock(existing);
        return block + without;
    }

    public static string WithoutBlock(string existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        var begin = existing.IndexOf(Begin, StringComparison.Ordinal);
        var end = existing.IndexOf(End, StringComparison.Ordinal);
        if (begin < 0 || end < begin)
        {
            return existing;
        }

        var after = end + End.Length;
        if (after < existing.Length && existing[after] == '\n')
        {
            after++;
        }

        return existing[..begin] + existing[after..];
    }

    /// <summary>GAUSS_ENV=2 once Install.py installed the software (openGauss's marker of an installed environment).</summary>
    public static string MarkInstalled(string existing)
    {
        ArgumentNullException.ThrowIfNull(existing);
        return existing.Replace("export GAUSS_ENV=1\n", "export GAUSS_ENV=2\n", StringComparison.Ordinal);
    }
}
