using System.Security.Cryptography;
using System.Text;

namespace Luarm.Store.Hosts;

/// <summary>
/// The mysql_native_password hash, <c>*</c> and the upper-case hex of SHA1(SHA1(password)),
/// so that <c>CREATE USER … IDENTIFIED BY PASSWORD</c> never carries the password itself
/// into the server's general or slow log.
/// </summary>
internal static class NativePasswordHash
{
    public static string Of(string password) =>
        "*" + Convert.ToHexString(SHA1.HashData(SHA1.HashData(Encoding.UTF8.GetBytes(password))));
}
