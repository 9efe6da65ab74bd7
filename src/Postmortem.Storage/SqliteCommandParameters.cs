using Microsoft.Data.Sqlite;

namespace Postmortem.Storage;

/// <summary>
/// Binds parameters by name on a command that may be reused: an existing parameter gets the new value, a missing one
/// is added. The write connection's cached commands keep their parameter objects from one execution to the next
/// instead of allocating new ones every time.
/// </summary>
internal static class SqliteCommandParameters
{
    public static SqliteParameter Parameter(this SqliteCommand command, string name)
    {
        var parameters = command.Parameters;
        for (var i = 0; i < parameters.Count; i++)
        {
            if (string.Equals(parameters[i].ParameterName, name, StringComparison.Ordinal))
            {
                return parameters[i];
            }
        }

        return parameters.Add(new SqliteParameter { ParameterName = name });
    }

    public static void Set(this SqliteCommand command, string name, object value) => command.Parameter(name).Value = value;
}
