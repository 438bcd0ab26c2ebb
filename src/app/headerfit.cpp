#include "headerfit.h"

#include <QAbstractItemModel>
#include <QHeaderView>
#include <QStyle>

namespace qmp {

void HeaderFit::growToFit(QHeaderView *header)
{
    if (!header)
        return;
    for (int section = 0; section < header->count(); ++section) {
        if (header->isSectionHidden(section) || header->sectionResizeMode(section) != QHeaderView::Interactive)
            continue; // hidden, or sized by Qt (to contents, stretched) already
        // The header text's width, with the sort indicator's room and the style's margins.
        const QString text = header->model() ? header->model()->headerData(section, header->orientation()).toString() : QString();
        const int needed = header->fontMetrics().horizontalAdvance(text) + 2 * header->style()->pixelMetric(QStyle::PM_HeaderMargin)
            + header->style()->pixelMetric(QStyle::PM_HeaderMarkSize) + 8;
        if (header->sectionSize(section) < needed)
            header->resizeSection(section, needed);
    }
}

} // namespace qmp
