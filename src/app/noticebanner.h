#pragma once
// NoticeBanner: a message that stays above the window's content until the user dismisses it
// (unlike the status bar, which the next message overwrites) — for problems the user must see,
// such as a task history that cannot be used. Hidden until showNotice(). GUI thread.

#include <QFrame>

class QLabel;
class QToolButton;

namespace qmp {

class NoticeBanner : public QFrame
{
    Q_OBJECT
public:
    explicit NoticeBanner(QWidget *parent = nullptr);

    // Shows text (plain text, wrapped, selectable), replacing what was shown.
    void showNotice(const QString &text);
    QString text() const;
    QToolButton *dismissButton() const { return m_dismiss; }

Q_SIGNALS:
    // The user closed the banner.
    void dismissed();

protected:
    void changeEvent(QEvent *event) override;

private:
    void retranslate();

    QLabel *m_icon;
    QLabel *m_text;
    QToolButton *m_dismiss;
};

} // namespace qmp
