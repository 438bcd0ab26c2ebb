#pragma once
// PoolChartView: one chart of a pool's (or a queue's) time series — lines fed straight from a PoolSeriesModel
// through QVXYModelMapper (x: column 0, seconds before now; y: column 1 + PoolState::Series).
// The axes follow the data as rows arrive. All Qt Charts code of the studio lives in this folder
// (Qt Charts is deprecated from Qt 6.10: the move to Qt Graphs stays one folder wide).
// GUI thread.

#include "poolstate.h"

#include <QChartView>
#include <QList>

#include <functional>

class QAbstractItemModel;
class QLineSeries;
class QValueAxis;
class QVXYModelMapper;

namespace qmp {

class PoolChartView : public QChartView
{
    Q_OBJECT
public:
    struct Line
    {
        PoolState::Series series;
        std::function<QString()> name; // translated, called again on a language change
        int column = -1; // the model's y column; -1: 1 + series (a PoolSeriesModel's layout)
    };

    // model: a PoolSeriesModel, or any model with seconds-before-now in column 0 (a
    // QueueSeriesModel; give each line its column) — not owned. title: called again on a
    // language change.
    PoolChartView(QAbstractItemModel *model, std::function<QString()> title, QList<Line> lines,
                  QWidget *parent = nullptr);

    int lineCount() const { return int(m_lines.size()); }
    int pointCount(int line) const; // points the chart shows (tests, screenshots)
    double yMaximum() const;

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();
    void rescale();

    QAbstractItemModel *m_model;
    std::function<QString()> m_title;
    QList<Line> m_lines;
    QList<QLineSeries *> m_series;
    QList<QVXYModelMapper *> m_mappers;
    QValueAxis *m_x;
    QValueAxis *m_y;
};

} // namespace qmp
