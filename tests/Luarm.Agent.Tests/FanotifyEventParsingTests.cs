using System.Buffers.Binary;
using Luarm.Agent.Interop;

namespace Luarm.Agent.Tests;

/// <summary>
/// The fanotify record reader on bytes it did not expect: a record in file-id
/// mode is read as the kernel lays it out, and truncated or garbled buffers end
/// the reading, never throw or run past the buffer.
/// </summary>
public sealed class FanotifyEventParsingTests
{
    [Fact]
    public void A_dfid_name_record_yields_mask_pid_file_system_handle_and_name()
    {
        var record = Record(mask: 0x20, pid: 4242, fsid: 0x1122334455667788, handle: [1, 2, 3, 4, 5, 6, 7, 8], name: "shadow");

        var events = Fanotify.Events(record);
        Assert.True(events.TryRead(out var fileEvent));

        Assert.Equal((0x20UL, 4242, 0x1122334455667788UL), (fileEvent.Mask, fileEvent.Pid, fileEvent.FileSystem));
        Assert.Equal(16, fileEvent.DirectoryHandle.Length);
        Assert.Equal("shadow"u8.ToArray(), fileEvent.Name.ToArray());
        Assert.False(events.TryRead(out _));
    }

    [Fact]
    public void Seeded_mutations_of_valid_records_never_throw_and_never_read_more_than_given()
    {
        var random = new Random(8);
        var valid = Record(0x8, 7, 42, [9, 9, 9, 9, 9, 9, 9, 9], "a\nb").Concat(Record(0x20, 8, 42, [1, 1, 1, 1], "x")).ToArray();
        for (var round = 0; round < 2000; round++)
        {
            var bytes = (byte[])valid.Clone();
            for (var flips = random.Next(1, 6); flips > 0; flips--)
            {
                bytes[random.Next(bytes.Length)] = (byte)random.Next(256);
            }
            var events = Fanotify.Events(bytes.AsSpan(0, random.Next(bytes.Length + 1)));
            var read = 0;
            while (events.TryRead(out var fileEvent))
            {
                Assert.True(fileEvent.DirectoryHandle.Length + fileEvent.Name.Length <= bytes.Length);
                Assert.True(++read <= 2, "more events than records");
            }
        }
    }

    /// <summary>fanotify_event_metadata then one fanotify_event_info_fid of type DFID_NAME, padded to 8 bytes as the kernel does.</summary>
    private static byte[] Record(ulong mask, int pid, ulong fsid, byte[] handle, string name)
    {
        var nameBytes = System.Text.Encoding.UTF8.GetBytes(name + "\0");
        var infoLength = 4 + 8 + 8 + handle.Length + nameBytes.Length;
        infoLength = (infoLength + 7) / 8 * 8;
        var record = new byte[24 + infoLength];
        BinaryPrimitives.WriteUInt32LittleEndian(record, (uint)record.Length);
        record[4] = 3;
        BinaryPrimitives.WriteUInt16LittleEndian(record.AsSpan(6), 24);
        BinaryPrimitives.WriteUInt64LittleEndian(record.AsSpan(8), mask);
        BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(16), -1);
        BinaryPrimitives.WriteInt32LittleEndian(record.AsSpan(20), pid);
        var info = record.AsSpan(24);
        info[0] = 2;
        BinaryPrimitives.WriteUInt16LittleEndian(info[2..], (ushort)infoLength);
        BinaryPrimitives.WriteUInt64LittleEndian(info[4..], fsid);
        BinaryPrimitives.WriteUInt32LittleEndian(info[12..], (uint)handle.Length);
        BinaryPrimitives.WriteInt32LittleEndian(info[16..], 1);
        handle.CopyTo(info[20..]);
        nameBytes.CopyTo(info[(20 + handle.Length)..]);
        return record;
    }
}
