namespace OpenGaussScale.Kit.Postgres;

/// <summary>Where psql connects: a socket directory or an IP address, a port, the OS user's own role and a database.</summary>
public sealed record ConnectionTarget(string Host, int Port, string User, string Database = "postgres");
