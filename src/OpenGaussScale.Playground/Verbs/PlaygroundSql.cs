using OpenGaussScale.Core.Errors;
using OpenGaussScale.Playground.Hosts;

namespace OpenGaussScale.Playground.Verbs;

/// <summary>`playground sql NODE "SQL"`: runs SQL on that host's database as omm, inside the host, and prints the rows.</summary>
public static class PlaygroundSql
{
    /// <summary>0 with the rows on stdout; 1 on an SQL error, 3 when the host or its database cannot be reached (message on stderr).</summary>
    public static async Task<int> RunAsync(string dir, string node, string sql, TextWriter output, TextWriter error, PlaygroundLog log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(error);
        var context = PlaygroundContext.Load(dir, log);
        var host = context.Host(NodeArgument.Parse(node, context.State.Nodes));
        var engine = context.TryEngine() ?? throw new OgscaleException($"this build cannot drive the engine '{context.State.Engine}'", exitCode: ExitCodes.PreconditionFailed);
        var result = await engine.SqlAsync(context, host, sql, cancellationToken).ConfigureAwait(false);
        await output.WriteAsync(result.StandardOutput).ConfigureAwait(false);
        if (result.Succeeded)
        {
            return ExitCodes.Success;
        }

        await error.WriteAsync(result.StandardError).ConfigureAwait(false);
        if (result.ExitCode == 255)
        {
            throw new OgscaleException($"{host.Name}: ssh as omm failed", $"is its sshd running? see `ogscale-playground status --dir {context.Layout.Dir}`", ExitCodes.PreconditionFailed);
        }

        var (state, _) = DatabaseProbe.Probe(context, host.Number);
        if (state != DatabaseState.Running)
        {
            throw new OgscaleException($"{host.Name}: the database is {DatabaseProbe.Describe(state)}", $"start it with `ogscale-playground start {host.Number} --dir {context.Layout.Dir}`", ExitCodes.PreconditionFailed);
        }

        return ExitCodes.Unexpected;
    }
}
