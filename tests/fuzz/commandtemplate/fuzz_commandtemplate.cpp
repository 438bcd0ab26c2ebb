// Fuzz target: the command-template parser of `qmp run` (GNU parallel's replacement strings) and
// its quoting, with the bytes of the template and arguments kept through SurrogateEscape.
//
// Input: byte 0 picks the number of input sources (1 + byte % 4); the rest is the template and
// the arguments, separated by NUL bytes (a shell word cannot hold NUL).
// Checked: the bytes survive SurrogateEscape both ways; every argument, quoted as parallel quotes
// it, is read back as that one word by splitWords(); a template either parses or throws a
// qmp::Error; a template without replacement strings or shell syntax runs its own words followed
// by exactly the arguments; expand(), command() and every transform never crash.

#include "commandtemplate.h"
#include "errors.h"
#include "fuzzcheck.h"
#include "surrogateescape.h"

#include <cstddef>
#include <cstdint>

using qmp::CommandTemplate;
using qmp::SurrogateEscape;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 1)
        return 0;
    const int sources = 1 + data[0] % 4;
    const QByteArray rest(reinterpret_cast<const char *>(data + 1), qsizetype(size - 1));
    const QList<QByteArray> parts = rest.split('\0');
    QStringList pieces;
    for (const QByteArray &part : parts) {
        const QString text = SurrogateEscape::decode(part);
        QMP_FUZZ_CHECK(SurrogateEscape::encode(text) == part);
        pieces << text;
    }
    const QString text = pieces.takeFirst();
    const QStringList args = pieces;

    for (const QString &arg : args) {
        const QStringList words = CommandTemplate::splitWords(CommandTemplate::quote(arg));
        if (words != QStringList{arg}) {
            std::fprintf(stderr, "quote(%s) = %s splits into %lld words\n", qPrintable(arg),
                         qPrintable(CommandTemplate::quote(arg)), static_cast<long long>(words.size()));
        }
        QMP_FUZZ_CHECK(words == QStringList{arg});
        for (const auto how : {CommandTemplate::Transform::None, CommandTemplate::Transform::NoExtension,
                               CommandTemplate::Transform::Basename, CommandTemplate::Transform::Dirname,
                               CommandTemplate::Transform::BasenameNoExtension})
            CommandTemplate::transform(arg, how);
    }

    try {
        const CommandTemplate commandTemplate(text, sources);
        const QString line = commandTemplate.expand(args, 7, 3);
        const qmp::Command command = commandTemplate.command(args, 7, 3);
        QMP_FUZZ_CHECK(commandTemplate.toCommand(line).arguments == command.arguments);
        if (!commandTemplate.hasReplacements() && !commandTemplate.needsShell() && !args.isEmpty()) {
            const QStringList own = CommandTemplate::splitWords(text);
            QStringList all{command.program};
            all += command.arguments;
            QMP_FUZZ_CHECK(all == own + args);
        }
    } catch (const qmp::Error &) {
        // a replacement string naming a source that does not exist: refused with a message
    }
    return 0;
}
