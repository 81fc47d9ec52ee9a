namespace OpenGaussScale.Ssh.Identity;

/// <summary>A local user's home directory, from /etc/passwd (the 6th field), else /home/USER.</summary>
internal static class UserHome
{
    public static string Of(string user)
    {
        const string passwd = "/etc/passwd";
        if (File.Exists(passwd))
        {
            foreach (var line in File.ReadLines(passwd))
            {
                var fields = line.Split(':');
                if (fields.Length >= 6 && fields[0] == user && fields[5].StartsWith('/'))
                {
                    return fields[5];
                }
            }
        }

        return $"/home/{user}";
    }
}
