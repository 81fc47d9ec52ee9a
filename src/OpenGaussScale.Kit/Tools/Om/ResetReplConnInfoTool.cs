using OpenGaussScale.Kit.Cli;
using OpenGaussScale.Kit.Tools.GsOm;

namespace OpenGaussScale.Kit.Tools.Om;

/// <summary>script/local/Resetreplconninfo.py -U USER -t reset: the per-host part of gs_om -t refreshconf.</summary>
public sealed class ResetReplConnInfoTool : ITool
{
    private static readonly OptionSpec[] Specs = [new("U", true, "-U"), new("t", true, "-t"), new("l", true, "-l")];

    public string Name => "Resetreplconninfo.py";

    public int Run(IReadOnlyList<string> args, ToolContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var parsed = OmErrors.Parse(args, Specs);
        _ = parsed.Last("U") ?? throw OmErrors.Missing("-U");
        if (parsed.Last("t") != "reset")
        {
            throw new KitException("[GAUSS-50004] : The parameter '-t' value is incorrect. Use -t reset.");
        }

        new LocalRefresh(new KitServices(context)).Run();
        return 0;
    }
}
