#!/usr/bin/perl
# The 2011 incident's bot, reduced to how it hid: it daemonizes (fork, the
# parent exits, the child calls setsid), calls itself "crond" and talks to an
# IRC server. Usage: perl bot.pl SERVER PORT. It names its pid as USER's real
# name (so the test knows which process to look for) and ends when the server
# closes the connection, or after 120 s at the latest.
use strict;
use warnings;
use IO::Socket::INET;
use POSIX qw(setsid);

my ($server, $port) = @ARGV;
defined(my $child = fork) or die "fork: $!";
exit 0 if $child;
setsid() or die "setsid: $!";
$0 = "crond";
alarm 120;
my $irc = IO::Socket::INET->new(PeerAddr => $server, PeerPort => $port, Timeout => 10) or die "connect: $!";
$irc->autoflush(1);
print $irc "NICK crond$$\r\nUSER crond 0 * :$$\r\n";
while (my $line = <$irc>) {
    print $irc "PONG $1\r\n" if $line =~ /^PING (.*)/;
    print $irc "JOIN #luarm\r\n" if $line =~ / 001 /;
}
