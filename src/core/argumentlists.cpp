#include "argumentlists.h"

#include "fastcbor.h"
#include "inflightregistry.h"

#include <algorithm>

namespace qmp {

ArgumentLists::ArgumentLists(QList<QCborArray> lists)
    : m_lists(std::move(lists)), m_count(m_lists.size())
{
    if (InFlightRegistry::outstanding() > 0) {
        QCborArray all;
        for (const QCborArray &args : std::as_const(m_lists))
            all.append(args);
        m_inFlight = InFlightRegistry::claim(all);
    }
}

ArgumentLists ArgumentLists::flat(QCborArray values, qsizetype arity)
{
    ArgumentLists result;
    result.m_arity = std::max<qsizetype>(1, arity);
    result.m_count = values.size() / result.m_arity;
    result.m_flat = std::move(values);
    result.m_inFlight = InFlightRegistry::claim(result.m_flat);
    return result;
}

ArgumentLists ArgumentLists::packed(ChunkValues values, qsizetype arity, PackedToCbor toCbor)
{
    ArgumentLists result;
    result.m_count = values.size();
    result.m_packed = std::move(values);
    result.m_packedArity = std::max<qsizetype>(1, arity);
    result.m_packedToCbor = toCbor;
    return result;
}

QByteArray ArgumentLists::packedBytes() const
{
    return m_packed.mid(m_offset, m_count).bytes(); // the whole storage when it is: shared, not copied
}

QCborArray ArgumentLists::at(qsizetype i) const
{
    if (isPacked())
        return m_packedToCbor(m_packed, m_offset + i);
    if (m_arity == 0)
        return m_lists.at(m_offset + i);
    QCborArray args;
    const qsizetype first = (m_offset + i) * m_arity;
    for (qsizetype j = 0; j < m_arity; ++j)
        args.append(m_flat.at(first + j));
    return args;
}

void ArgumentLists::appendCbor(QByteArray &out, qsizetype i) const
{
    if (isPacked()) {
        const QCborArray args = m_packedToCbor(m_packed, m_offset + i);
        FastCbor::appendArrayHead(out, args.size());
        for (const QCborValue &value : args)
            FastCbor::encodeInto(out, value);
    } else if (m_arity == 0) {
        FastCbor::encodeInto(out, QCborValue(m_lists.at(m_offset + i)));
    } else {
        FastCbor::appendArrayHead(out, m_arity);
        const qsizetype first = (m_offset + i) * m_arity;
        for (qsizetype j = 0; j < m_arity; ++j)
            FastCbor::encodeInto(out, m_flat.at(first + j));
    }
}

ArgumentLists ArgumentLists::mid(qsizetype first, qsizetype count) const
{
    ArgumentLists result = *this;
    first = std::clamp<qsizetype>(first, 0, m_count);
    result.m_offset = m_offset + first;
    result.m_count = std::clamp<qsizetype>(count, 0, m_count - first);
    return result;
}

qsizetype ArgumentLists::uniformArity() const
{
    if (m_count == 0)
        return -1;
    if (m_arity > 0)
        return m_arity;
    if (isPacked())
        return m_packedArity;
    const qsizetype arity = m_lists.at(m_offset).size();
    const auto begin = m_lists.cbegin() + m_offset;
    const bool uniform = std::all_of(begin, begin + m_count, [arity](const QCborArray &args) { return args.size() == arity; });
    return uniform ? arity : -1;
}

QCborArray ArgumentLists::flatValues() const
{
    if (m_arity > 0 && m_offset == 0 && m_count * m_arity == m_flat.size())
        return m_flat; // the whole storage: shared, not copied
    QCborArray values;
    if (isPacked()) {
        for (qsizetype i = 0; i < m_count; ++i) {
            for (const QCborValue &value : m_packedToCbor(m_packed, m_offset + i))
                values.append(value);
        }
        return values;
    }
    if (m_arity > 0) {
        const qsizetype end = (m_offset + m_count) * m_arity;
        for (qsizetype k = m_offset * m_arity; k < end; ++k)
            values.append(m_flat.at(k));
        return values;
    }
    for (qsizetype i = 0; i < m_count; ++i) {
        for (const QCborValue &value : m_lists.at(m_offset + i))
            values.append(value);
    }
    return values;
}

} // namespace qmp
